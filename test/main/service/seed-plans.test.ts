import { describe, expect, it } from 'vitest';
import type { RequestName, RequestResult } from '../../../src-core/contract/api';
import type { RunSummary } from '../../../src-core/contract/training';
import type { Lab } from '../../../src-main/app/create-lab';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { callRequest } from '../../support/call-request';
import { endStatuses } from '../../support/run-status';
import { useTempLabs } from '../../support/temp-lab';
import { twoMoonsSpec, twoMoonsTrain } from '../pool/two-moons-run';
import { sweepProgress } from '../../../src-core/sweep/sweep-progress';

/**
 * The window's seed plans and forks through the service (real pool, real database): each plan queues real runs as
 * one group, and runs.compare reads what they show (bands, paired verdict, bit-identity, the confirm report).
 */
const trainWorker = useBuiltTrainWorker();
const temp = useTempLabs('nn-lab-plans-', trainWorker);

interface Watched {
  lab: Lab;
  /** Settles when every one of `ids` has ended (endings recorded from the start, so none is missed). */
  allEnded(ids: readonly string[]): Promise<RunSummary[]>;
}

async function openLab(threads = 2): Promise<Watched> {
  const lab = await temp.openLab({ threads });
  const ended = new Map<string, RunSummary>();
  const waiting: (() => void)[] = [];
  lab.bus.subscribe((name, payload) => {
    const summary = payload as RunSummary;
    if (name !== 'run.status' || !endStatuses.includes(summary.status)) return;
    ended.set(summary.id, summary);
    waiting.splice(0).forEach((wake) => wake());
  });
  const allEnded = async (ids: readonly string[]): Promise<RunSummary[]> => {
    while (!ids.every((id) => ended.has(id))) await new Promise<void>((wake) => waiting.push(wake));
    return ids.map((id) => ended.get(id)!);
  };
  return { lab, allEnded };
}

const call = <K extends RequestName>(lab: Lab, name: K, args?: unknown): Promise<RequestResult<K>> => callRequest(lab.handlers, name, args);
const moons = (lr: number, name: string) => ({ datasetId: 'two-moons', name, spec: twoMoonsSpec, train: { ...twoMoonsTrain(4), optimizer: { type: 'adam', lr }, seed: 7 } });

describe('seed plans from the window', () => {
  it('Repeat with 3 seeds: 3 new runs in one group, fresh seeds; the comparison bands the 4 runs as one group', async () => {
    const { lab, allEnded } = await openLab();
    const source = await call(lab, 'runs.start', moons(0.02, 'source'));
    const started = await call(lab, 'sweeps.start-plan', { plan: 'repeat', id: source.id, seeds: 3 });
    expect(started.sweep.runIds).toHaveLength(3);
    expect(started.sweep.name).toBe('source × 3 seeds');
    expect(started.compareIds).toEqual([source.id, ...started.sweep.runIds]);
    await allEnded(started.compareIds);
    const comparison = await call(lab, 'runs.compare', { ids: started.compareIds });
    expect(comparison.groups).toHaveLength(1);
    expect(new Set(comparison.groups[0]!.seeds).size).toBe(4);
    expect(comparison.groups[0]!.seeds[0]).toBe(7);
    expect(comparison.groups[0]!.bands[0]!.n.data[0]).toBe(4);
    const runs = await call(lab, 'runs.search', { sweepId: started.sweep.id });
    expect(runs.map((r) => r.name).sort()).toEqual(comparison.groups[0]!.seeds.slice(1).map((s) => `source · seed ${s}`).sort());
    // "Train the best with more seeds": the new group judged against the run it repeats, each side named.
    const judged = await call(lab, 'runs.compare', { ids: started.compareIds, significance: { a: started.sweep.runIds, b: [source.id] } });
    expect(judged.verdict).toMatchObject({ nameA: 'source × 3 seeds', nameB: 'source', nA: 3, nB: 1, design: 'single-run' });
  });

  it('paired A/B against a baseline: both arms on the same fresh seeds, and the verdict is paired', async () => {
    const { lab, allEnded } = await openLab();
    const a = await call(lab, 'runs.start', moons(0.05, 'fast'));
    const b = await call(lab, 'runs.start', moons(0.005, 'slow'));
    const started = await call(lab, 'sweeps.start-plan', { plan: 'paired', id: a.id, baselineId: b.id, seeds: 3 });
    expect(started.compareIds).toHaveLength(6);
    await allEnded(started.compareIds);
    const comparison = await call(lab, 'runs.compare', { ids: started.compareIds, metric: 'loss' });
    expect(comparison.groups).toHaveLength(2);
    expect(comparison.groups[0]!.seeds).toEqual(comparison.groups[1]!.seeds);
    expect(comparison.verdict?.test).toMatch(/paired/);
    await expect(call(lab, 'sweeps.start-plan', { plan: 'paired', id: a.id, baselineId: a.id, seeds: 3 })).rejects.toMatchObject({ field: 'baselineId' });
  });

  it('Verify: a re-run is reported bit-identical; a fork is a child that differs only by its change', async () => {
    const { lab, allEnded } = await openLab();
    const run = await call(lab, 'runs.start', moons(0.02, 'base'));
    const again = await call(lab, 'runs.rerun', { id: run.id });
    await expect(call(lab, 'runs.fork', { id: run.id, changes: { 'train.optimizer.lr': 0.1 } })).rejects.toMatchObject({ field: 'fromEpoch' });
    await allEnded([run.id, again.id]);
    const fork = await call(lab, 'runs.fork', { id: run.id, fromEpoch: 2, changes: { 'train.optimizer.lr': 0.1 } });
    expect(fork.name).toBe('base · fork @2 lr=0.1');
    expect(fork.parentRunId).toBe(run.id);
    await allEnded([fork.id]);
    const comparison = await call(lab, 'runs.compare', { ids: [run.id, again.id, fork.id] });
    expect(comparison.verifications).toHaveLength(1);
    expect(comparison.verifications![0]).toMatchObject({ a: run.id, b: again.id, identical: true });
    expect(comparison.configDiff.map((d) => d.path)).toEqual(['train.optimizer.lr']);
    expect(comparison.runs.find((r) => r.id === fork.id)!.seed).toBe(7);
    // The parent counts from the fork epoch on: its best is never from before epoch 2, and the verdict says so.
    expect(comparison.table.find((r) => r.runId === run.id)!.best!.epoch).toBeGreaterThanOrEqual(2);
    expect(comparison.verdict!.sentence).toContain('from epoch 2 on');
    await expect(call(lab, 'runs.fork', { id: run.id, changes: { 'train.optimizer.lr': -1 } })).rejects.toMatchObject({ code: 'bad_input', message: expect.stringContaining('Fork lr=-1') });
    await expect(call(lab, 'runs.fork', { id: run.id, changes: { 'spec.layers.40.units': 3 } })).rejects.toMatchObject({ field: 'changes.spec.layers.40.units' });
    await expect(call(lab, 'runs.fork', { id: run.id, fromEpoch: 5, changes: { 'train.optimizer.lr': 0.1 } })).rejects.toMatchObject({ field: 'fromEpoch', message: expect.stringContaining('fork from epoch 1 to 4') });
  });

  it('Fork from epoch k: the parent\'s state at k re-created bit for bit, then the change takes over', async () => {
    const { lab, allEnded } = await openLab();
    const run = await call(lab, 'runs.start', moons(0.02, 'base'));
    await allEnded([run.id]);
    const metrics = async (id: string) => (await call(lab, 'runs.metrics', { id, from: 1 })).metrics;
    // The same lr: nothing changes, so from the re-created state at epoch 2 the child trains exactly as the parent did.
    const same = await call(lab, 'runs.fork', { id: run.id, fromEpoch: 2, changes: { 'train.optimizer.lr': 0.02 } });
    const faster = await call(lab, 'runs.fork', { id: run.id, fromEpoch: 2, changes: { 'train.optimizer.lr': 0.1 } });
    // From the last epoch: the stored state, trained on for as many epochs again, as Continue would.
    const last = await call(lab, 'runs.fork', { id: run.id, changes: { 'train.optimizer.lr': 0.02 } });
    const continued = await call(lab, 'runs.continue', { id: run.id, epochs: 4 });
    await allEnded([same.id, faster.id, last.id, continued.id]);
    const parent = await metrics(run.id);
    const withoutTime = (m: { seconds: number }[]) => m.map(({ seconds: _, ...rest }) => rest);
    expect(withoutTime(await metrics(same.id))).toEqual(withoutTime(parent.slice(2)));
    const changed = await metrics(faster.id);
    expect(changed.map((m) => m.epoch)).toEqual([3, 4]);
    expect(changed[0]!.lr).toBe(0.1);
    expect(changed[0]!.loss).not.toBe(parent[2]!.loss);
    const fromLast = await metrics(last.id);
    expect(fromLast.map((m) => m.epoch)).toEqual([5, 6, 7, 8]);
    expect(withoutTime(fromLast)).toEqual(withoutTime(await metrics(continued.id)));
  });

  it('Confirm the winner: the best points re-run on fresh seeds, and the comparison reports the drop', async () => {
    const { lab, allEnded } = await openLab();
    const sweep = await call(lab, 'sweeps.start', { ...moons(0.01, 'lr'), sweep: { strategy: 'grid', parameters: { 'train.optimizer.lr': [0.001, 0.03, 0.1] }, seeds: [1, 2] } });
    await allEnded(sweep.runIds);
    const started = await call(lab, 'sweeps.start-plan', { plan: 'confirm', ids: sweep.runIds, metric: 'loss', points: 2, seeds: 2 });
    expect(started.points).toHaveLength(2);
    expect(started.compareIds).toHaveLength(4);
    await allEnded(started.compareIds);
    const comparison = await call(lab, 'runs.compare', { ids: started.compareIds });
    expect(comparison.confirm?.points).toHaveLength(2);
    expect(comparison.confirm?.sentence).toMatch(/^The sweep's best point, lr=/);
    const seeds = new Set(comparison.runs.map((r) => r.seed));
    expect([...seeds].some((s) => s === 1 || s === 2)).toBe(false);
  });
});

describe('one progress for a sweep: pause and cancel the rest', () => {
  const grid = (lrs: number[]) => ({ ...moons(0.01, 'lr'), sweep: { strategy: 'grid' as const, parameters: { 'train.optimizer.lr': lrs } } });
  const progressOf = async (lab: Lab, sweepId: string) => {
    const held = (await call(lab, 'sweeps.list')).find((s) => s.id === sweepId)!.held;
    return sweepProgress(await call(lab, 'runs.search', { sweepId }), { held, now: Date.now() });
  };

  it('Pause the rest holds the queued runs back (stored, so a reload reads it) while the running one finishes; Resume lets them train', async () => {
    const { lab, allEnded } = await openLab(1);
    const told: boolean[] = [];
    lab.bus.subscribe((name, payload) => {
      if (name === 'sweep.status') told.push((payload as { held: boolean }).held);
    });
    const sweep = await call(lab, 'sweeps.start', grid([0.01, 0.02, 0.03, 0.04]));
    const paused = await call(lab, 'sweeps.control', { id: sweep.id, action: 'pause' });
    expect(paused.held).toBe(true);
    const [first, ...rest] = sweep.runIds;
    await allEnded([first!]);
    // The thread is free, yet the held runs wait (a run the pool took would say running at once).
    await new Promise((wake) => setTimeout(wake, 300));
    const runs = await call(lab, 'runs.search', { sweepId: sweep.id });
    expect(runs.filter((r) => rest.includes(r.id)).map((r) => r.status)).toEqual(['queued', 'queued', 'queued']);
    const progress = await progressOf(lab, sweep.id);
    expect(progress).toMatchObject({ state: 'held', completed: 1, queued: 3, fraction: 0.25 });
    expect(progress.text).toBe('1 of 4 runs done · 3 held back');
    const resumed = await call(lab, 'sweeps.control', { id: sweep.id, action: 'resume' });
    expect(resumed.held).toBe(false);
    expect((await allEnded(rest)).map((r) => r.status)).toEqual(['completed', 'completed', 'completed']);
    expect((await progressOf(lab, sweep.id)).text).toBe('4 of 4 runs done');
    expect(told).toEqual([true, false]);
  });

  it('Cancel the rest after the first run finished: 6 runs kept, 1 completed, 5 stopped, and the progress says so', async () => {
    const { lab, allEnded } = await openLab(1);
    const sweep = await call(lab, 'sweeps.start', grid([0.01, 0.02, 0.03, 0.04, 0.05, 0.06]));
    // Held, so none of the rest starts before the cancel (on one thread, the first run alone trains).
    await call(lab, 'sweeps.control', { id: sweep.id, action: 'pause' });
    await allEnded([sweep.runIds[0]!]);
    const cancelled = await call(lab, 'sweeps.control', { id: sweep.id, action: 'cancel' });
    expect(cancelled.held).toBe(false);
    const ended = await allEnded(sweep.runIds);
    expect(ended[0]!.status).toBe('completed');
    expect(ended.slice(1).map((r) => r.status)).toEqual(['stopped', 'stopped', 'stopped', 'stopped', 'stopped']);
    const progress = await progressOf(lab, sweep.id);
    expect(progress).toMatchObject({ total: 6, completed: 1, stopped: 5, state: 'finished', fraction: 1 });
    expect(progress.text).toBe('6 of 6 runs done · 5 stopped');
    await expect(call(lab, 'sweeps.control', { id: 'nope', action: 'cancel' })).rejects.toMatchObject({ code: 'not_found', field: 'id' });
  });
});

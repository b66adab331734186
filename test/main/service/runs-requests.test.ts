import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventPayloads, RequestName, RequestResult } from '../../../src-core/contract/api';
import type { EpochMetrics, RunSummary } from '../../../src-core/contract/training';
import type { Lab } from '../../../src-main/app/create-lab';
import { importSafetensors } from '../../../src-core/export/safetensors';
import { openStore } from '../../../src-main/store/lab-store';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { callRequest, callWholeRun, exportBytes, exportText } from '../../support/call-request';
import { endStatuses, nextStatus } from '../../support/run-status';
import { useTempLabs } from '../../support/temp-lab';
import { twoMoonsSpec, twoMoonsTrain } from '../pool/two-moons-run';

const trainWorker = useBuiltTrainWorker();
const temp = useTempLabs('nn-lab-runs-', trainWorker);


/** Each lab's runs that have ended, recorded from the start, so a wait cannot miss an ending that came early. */
const endings = new WeakMap<Lab, Map<string, RunSummary>>();

async function openLab(name = 'lab.db', threads = 2): Promise<Lab> {
  const lab = await temp.openLab({ name, threads });
  const ended = new Map<string, RunSummary>();
  endings.set(lab, ended);
  lab.bus.subscribe((name, payload) => {
    const summary = payload as RunSummary;
    if (name === 'run.status' && endStatuses.includes(summary.status)) ended.set(summary.id, summary);
  });
  return lab;
}

const call = <K extends RequestName>(lab: Lab, name: K, args?: unknown): Promise<RequestResult<K>> => callRequest(lab.handlers, name, args);

function ended(lab: Lab, runId: string): Promise<RunSummary> {
  const already = endings.get(lab)?.get(runId);
  return already ? Promise.resolve(already) : nextStatus(lab.bus, runId);
}

const statusOf = (lab: Lab, runId: string, statuses: RunSummary['status'][]): Promise<RunSummary> => nextStatus(lab.bus, runId, statuses);

const moons = (epochs: number, name = 'moons') => ({ datasetId: 'two-moons', name, spec: twoMoonsSpec, train: twoMoonsTrain(epochs) });
/** What must be identical between two runs of one config and seed: everything but the wall-clock seconds. */
const curves = (metrics: EpochMetrics[]) => metrics.map(({ seconds: _seconds, ...rest }) => rest);

describe('runs: data in pages and as events', () => {
  it('answers runs.get with the summary and config; epochs and diagnostics come in pages, and as events while it trains', async () => {
    const lab = await openLab();
    const told: number[] = [];
    lab.bus.subscribe((name, payload) => {
      if (name === 'run.diagnostics') told.push((payload as EventPayloads['run.diagnostics']).diagnostics.epoch);
    });
    const run = await call(lab, 'runs.start', moons(12));
    await ended(lab, run.id);
    const detail = await call(lab, 'runs.get', { id: run.id });
    expect(detail).toMatchObject({ id: run.id, status: 'completed', epochsDone: 12, spec: twoMoonsSpec, hasWeights: true });
    expect(detail).not.toHaveProperty('metrics');
    expect(detail).not.toHaveProperty('diagnostics');
    const page = await call(lab, 'runs.metrics', { id: run.id, from: 5, limit: 3 });
    expect(page.metrics.map((m) => m.epoch)).toEqual([5, 6, 7]);
    expect(page.next).toBe(8);
    const last = await call(lab, 'runs.metrics', { id: run.id, from: 8 });
    expect(last.metrics.map((m) => m.epoch)).toEqual([8, 9, 10, 11, 12]);
    expect(last).not.toHaveProperty('next');
    // Every 5 epochs and after the last, each announced once stored.
    expect(told).toEqual([5, 10, 12]);
    const first = await call(lab, 'runs.diagnostics', { id: run.id, from: 1, limit: 2 });
    expect(first.diagnostics.map((d) => d.epoch)).toEqual([5, 10]);
    expect(first.next).toBe(12);
    expect((await callWholeRun(lab.handlers, run.id)).diagnostics!.map((d) => d.epoch)).toEqual([5, 10, 12]);
    await expect(call(lab, 'runs.metrics', { id: 'nope', from: 1 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(call(lab, 'runs.metrics', { id: run.id, from: 0 })).rejects.toMatchObject({ code: 'invalid_args', field: 'from' });
  });
});

describe('runs: lineage', () => {
  it('re-runs a stored run bit-identically (same config, seed and data), recording its parent', async () => {
    const lab = await openLab();
    const first = await call(lab, 'runs.start', { ...moons(8), train: { ...twoMoonsTrain(8), seed: undefined } });
    await ended(lab, first.id);
    const again = await call(lab, 'runs.rerun', { id: first.id });
    expect((await ended(lab, again.id)).status).toBe('completed');
    const a = await callWholeRun(lab.handlers, first.id);
    const b = await callWholeRun(lab.handlers, again.id);
    expect(b.seed).toBe(a.seed);
    expect(b.parentRunId).toBe(a.id);
    expect(curves(b.metrics)).toEqual(curves(a.metrics));
    expect(b.metrics).toHaveLength(8);
  });

  it('duplicates a run as a draft to edit, which runs.start accepts', async () => {
    const lab = await openLab();
    const first = await call(lab, 'runs.start', moons(2));
    await ended(lab, first.id);
    const draft = await call(lab, 'runs.duplicate', { id: first.id });
    expect(draft).toEqual({ datasetId: 'two-moons', name: 'moons (copy)', spec: twoMoonsSpec, train: { ...twoMoonsTrain(2), seed: 7 } });
    const edited = await call(lab, 'runs.start', { ...draft, train: { ...draft.train, epochs: 3 } });
    expect((await ended(lab, edited.id)).epochsDone).toBe(3);
  });

  it('continues a finished run from its weights for more epochs, with the parent recorded', async () => {
    const lab = await openLab();
    const first = await call(lab, 'runs.start', moons(15));
    await ended(lab, first.id);
    const parent = await callWholeRun(lab.handlers, first.id);
    const next = await call(lab, 'runs.continue', { id: first.id, epochs: 5 });
    expect((await ended(lab, next.id)).status).toBe('completed');
    const child = await callWholeRun(lab.handlers, next.id);
    expect(child.parentRunId).toBe(first.id);
    expect(child.metrics).toHaveLength(5);
    // Starting from trained weights: its first epoch is already far below the parent's first.
    expect(child.metrics[0]!.loss).toBeLessThan(parent.metrics[0]!.loss * 0.6);
    await expect(call(lab, 'runs.continue', { id: 'nope', epochs: 5 })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('runs: life cycle', () => {
  it('pauses a running run (status paused, no epochs while paused) and resumes it to the end', async () => {
    const lab = await openLab();
    const run = await call(lab, 'runs.start', moons(400));
    await statusOf(lab, run.id, ['running']);
    await call(lab, 'runs.pause', { id: run.id });
    const paused = await statusOf(lab, run.id, ['paused']);
    const before = (await callWholeRun(lab.handlers, run.id)).metrics.length;
    expect(paused.status).toBe('paused');
    // A request round-trip later, still paused and no new epoch stored.
    expect((await callWholeRun(lab.handlers, run.id)).metrics.length).toBe(before);
    await call(lab, 'runs.resume', { id: run.id });
    await statusOf(lab, run.id, ['running']);
    expect((await ended(lab, run.id)).epochsDone).toBe(400);
  });

  it('a stop during early stopping keeps both the final and the best weights', async () => {
    const lab = await openLab();
    const run = await call(lab, 'runs.start', { ...moons(100_000), train: { ...twoMoonsTrain(100_000), earlyStopping: { patience: 100_000 } } });
    let asked = false;
    lab.bus.subscribe((name, payload) => {
      const { metrics } = payload as EventPayloads['run.progress'];
      if (name === 'run.progress' && metrics.epoch >= 5 && !asked) {
        asked = true;
        void call(lab, 'runs.stop', { id: run.id });
      }
    });
    expect((await ended(lab, run.id)).status).toBe('stopped');
    const detail = await callWholeRun(lab.handlers, run.id);
    expect(detail.weights!.map((w) => w.kind).sort()).toEqual(['best', 'final']);
    expect(detail.weights!.find((w) => w.kind === 'final')!.epoch).toBe(detail.metrics.length);
    const bestEpoch = detail.metrics.reduce((b, m) => (m.valLoss! < b.valLoss! ? m : b)).epoch;
    expect(detail.weights!.find((w) => w.kind === 'best')!.epoch).toBe(bestEpoch);
    expect(detail.confusion!.matrix).toHaveLength(2);
    expect(detail.kernels).toMatch(/^wasm-(relaxed-)?simd$/); // the worker's default kernels, recorded with the run
    // Diagnostics every 5 epochs: per layer norms and a weight histogram.
    expect(detail.diagnostics!.map((d) => d.epoch)).toEqual(Array.from({ length: Math.floor(detail.metrics.length / 5) }, (_, i) => (i + 1) * 5));
    const dense = detail.diagnostics![0]!.layers.find((l) => l.type === 'dense')!;
    expect(dense.weightNorm).toBeGreaterThan(0);
    expect(dense.gradNorm).toBeGreaterThan(0);
    expect(dense.weightHistogram!.counts.reduce((a, b) => a + b, 0)).toBe(32);
  });

  it('deletes a run and all its data; refuses while it trains; not_found afterwards', async () => {
    const lab = await openLab();
    const long = await call(lab, 'runs.start', moons(100_000, 'long'));
    await statusOf(lab, long.id, ['running']);
    await expect(call(lab, 'runs.delete', { id: long.id })).rejects.toMatchObject({ code: 'conflict' });
    await call(lab, 'runs.stop', { id: long.id });
    await ended(lab, long.id);
    expect(await call(lab, 'runs.delete', { id: long.id })).toEqual({ id: long.id, deleted: true });
    await expect(callWholeRun(lab.handlers, long.id)).rejects.toMatchObject({ code: 'not_found' });
    await lab.close();
    const db = openStore(join(temp.dir, 'lab.db'));
    for (const table of ['epoch_metrics', 'run_weights', 'run_diagnostics', 'run_tags', 'run_confusion', 'run_snapshots', 'run_snapshot_frames']) {
      expect(db.connection.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
    db.close();
  });
});

describe('runs: eight at once', () => {
  it('8 runs on 2 threads: each run tells every stored epoch exactly once, in order, before it ends', async () => {
    const lab = await openLab('lab.db', 2);
    const told = new Map<string, number[]>();
    const endedBeforeLastEpoch: string[] = [];
    lab.bus.subscribe((name, payload) => {
      if (name === 'run.progress') {
        const { runId, metrics, earlier } = payload as EventPayloads['run.progress'];
        told.set(runId, [...(told.get(runId) ?? []), ...[...(earlier ?? []), metrics].map((m) => m.epoch)]);
      }
      const summary = payload as RunSummary;
      if (name === 'run.status' && summary.status === 'completed' && (told.get(summary.id) ?? []).length !== 40) endedBeforeLastEpoch.push(summary.id);
    });
    const runs = await Promise.all(Array.from({ length: 8 }, (_, i) => call(lab, 'runs.start', { ...moons(40, `run ${i}`), train: { ...twoMoonsTrain(40), seed: i } })));
    for (const run of runs) expect((await ended(lab, run.id)).status).toBe('completed');
    for (const run of runs) {
      expect(told.get(run.id)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect((await callWholeRun(lab.handlers, run.id)).metrics).toHaveLength(40);
    }
    expect(endedBeforeLastEpoch).toEqual([]);
  });
});

describe('runs: tags, notes, search, compare', () => {
  it('tags and annotates runs and finds them by tag, status, name, dataset and date', async () => {
    const lab = await openLab();
    const a = await call(lab, 'runs.start', moons(2, 'Alpha moons'));
    const b = await call(lab, 'runs.start', { datasetId: 'sine', name: 'beta curve', spec: { input: [1], layers: [{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 1 }] }, train: { loss: 'mse', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 16, epochs: 2, seed: 1 } });
    await ended(lab, a.id);
    await ended(lab, b.id);
    expect((await call(lab, 'runs.tag', { id: a.id, tags: ['baseline', 'moons', 'baseline'] })).tags).toEqual(['baseline', 'moons']);
    await call(lab, 'runs.tag', { id: b.id, tags: ['baseline'] });
    expect((await call(lab, 'runs.annotate', { id: a.id, notes: 'lr too high?' })).notes).toBe('lr too high?');
    const ids = (runs: RunSummary[]) => runs.map((r) => r.id).sort();
    expect(ids(await call(lab, 'runs.search', { tags: ['baseline'] }))).toEqual([a.id, b.id].sort());
    expect(ids(await call(lab, 'runs.search', { tags: ['baseline', 'moons'] }))).toEqual([a.id]);
    expect(ids(await call(lab, 'runs.search', { text: 'ALPHA' }))).toEqual([a.id]);
    expect(ids(await call(lab, 'runs.search', { text: 'TOO HIGH' }))).toEqual([a.id]); // notes are searched too
    expect(ids(await call(lab, 'runs.search', { text: '100%' }))).toEqual([]); // % is a character, not a wildcard
    expect(ids(await call(lab, 'runs.search', { datasetId: 'sine' }))).toEqual([b.id]);
    expect(ids(await call(lab, 'runs.search', { status: ['failed'] }))).toEqual([]);
    expect(ids(await call(lab, 'runs.search', { createdFrom: '2000-01-01T00:00:00Z', createdTo: '2000-01-02T00:00:00Z' }))).toEqual([]);
    expect(await call(lab, 'runs.search', { limit: 1 })).toHaveLength(1);
    await expect(call(lab, 'runs.search', { status: ['nope'] })).rejects.toMatchObject({ code: 'invalid_args', field: 'status.0' });
  });

  it('compares runs: curves on one axis, seed groups with bands, the config diff and a paired test between two groups', async () => {
    const lab = await openLab();
    const start = async (lr: number, seed: number) => {
      const run = await call(lab, 'runs.start', { ...moons(4, `lr ${lr} seed ${seed}`), train: { ...twoMoonsTrain(4), optimizer: { type: 'adam', lr }, seed } });
      await ended(lab, run.id);
      return run.id;
    };
    const slow = [await start(0.001, 1), await start(0.001, 2), await start(0.001, 3)];
    const fast = [await start(0.05, 1), await start(0.05, 2), await start(0.05, 3)];
    const comparison = await call(lab, 'runs.compare', { ids: [...slow, ...fast], significance: { a: slow, b: fast } });
    expect(comparison.metric).toBe('valLoss');
    expect(comparison.curves.map((c) => c.metric)).toEqual(['loss', 'accuracy', 'valLoss', 'valAccuracy', 'lr', 'elapsed']);
    expect(Array.from(comparison.curves[0]!.epochs.data)).toEqual([1, 2, 3, 4]);
    expect(comparison.groups.map((g) => g.runIds)).toEqual([slow, fast]);
    expect(comparison.groups[0]!.bands.find((b) => b.metric === 'loss')!.n.data[0]).toBe(3);
    expect(comparison.configDiff.map((d) => d.path)).toEqual(expect.arrayContaining(['train.optimizer.lr']));
    expect(comparison.significance!.design).toBe('paired');
    expect(comparison.summaries).toHaveLength(6);
    expect(comparison.table.map((r) => r.runId)).toEqual([...slow, ...fast]);
    expect(comparison.groups.map((g) => g.label)).toEqual(['lr=0.001', 'lr=0.05']);
    expect(comparison.verdict).toMatchObject({ design: 'paired', nA: 3, nB: 3, nameA: 'lr=0.001', nameB: 'lr=0.05', metric: 'valLoss' });
    expect(comparison.whatChanged!.settings.map((d) => d.path)).toEqual(['train.optimizer.lr']);
    // Without significance, the two seed groups still get a verdict (and what changed).
    const plain = await call(lab, 'runs.compare', { ids: [...slow, ...fast], metric: 'valAccuracy', target: 0.5 });
    expect(plain.verdict).toMatchObject({ design: 'paired', metric: 'valAccuracy', unit: 'points' });
    expect(plain.whatChanged!.summary).toContain(plain.verdict!.sentence);
    expect(plain.table.every((r) => r.target !== undefined)).toBe(true);
    await expect(call(lab, 'runs.compare', { ids: slow, significance: { a: slow, b: fast } })).rejects.toMatchObject({ field: 'significance.b' });
  });
});

describe('runs: export, import, backup, sweeps', () => {
  it('exports metrics as CSV and JSON, and a bundle another installation imports and compares', async () => {
    const lab = await openLab();
    const run = await call(lab, 'runs.start', moons(3));
    await ended(lab, run.id);
    await call(lab, 'runs.tag', { id: run.id, tags: ['shared'] });
    const csv = await call(lab, 'runs.export', { id: run.id, format: 'csv' });
    const lines = exportText(csv).trim().split('\n');
    expect(lines[0]).toBe('epoch,loss,accuracy,val_loss,val_accuracy,lr,seconds');
    expect(lines).toHaveLength(4);
    expect(lines[1]!.startsWith('1,')).toBe(true);
    const json = JSON.parse(exportText(await call(lab, 'runs.export', { id: run.id, format: 'json' }))) as { metrics: EpochMetrics[] };
    expect(json.metrics.map((m) => m.epoch)).toEqual([1, 2, 3]);
    const bundle = await call(lab, 'runs.export', { id: run.id, format: 'bundle' });
    expect(JSON.parse(exportText(bundle))).toMatchObject({ format: 'nn-lab-run', version: 1, run: { id: run.id, datasetHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) } });
    // The model formats: binary ones (ONNX, safetensors) come as a uint8 tensor, the scripts as text.
    const weights = await call(lab, 'runs.export', { id: run.id, format: 'safetensors' });
    expect(weights).toMatchObject({ fileName: `${run.name}.safetensors`, mimeType: 'application/octet-stream', bytes: { dtype: 'uint8' } });
    const detail = await call(lab, 'runs.get', { id: run.id });
    expect(Object.keys(importSafetensors(detail.spec, exportBytes(weights), 'x.safetensors'))).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    const onnx = exportBytes(await call(lab, 'runs.export', { id: run.id, format: 'onnx' }));
    expect(onnx.length).toBeGreaterThan(100);
    expect(exportText(await call(lab, 'runs.export', { id: run.id, format: 'pytorch' }))).toContain('nn.Sequential(');
    expect(exportText(await call(lab, 'runs.export', { id: run.id, format: 'keras' }))).toContain('keras.Sequential([');

    const other = await openLab('other.db');
    const imported = await call(other, 'runs.import', { bundle: exportText(bundle) });
    expect(imported).toMatchObject({ id: run.id, status: 'completed', epochsDone: 3, tags: ['shared'] });
    const original = await callWholeRun(lab.handlers, run.id);
    const copy = await callWholeRun(other.handlers, run.id);
    expect(copy.metrics).toEqual(original.metrics);
    expect(copy.weights).toEqual(original.weights);
    expect(copy.confusion).toEqual(original.confusion);
    const local = await call(other, 'runs.start', moons(3, 'local'));
    await ended(other, local.id);
    // Same config and seed on both installations: the comparison sees one seed group.
    const comparison = await call(other, 'runs.compare', { ids: [run.id, local.id] });
    expect(comparison.groups).toHaveLength(1);
    await expect(call(other, 'runs.import', { bundle: exportText(bundle) })).rejects.toMatchObject({ code: 'conflict' });
    await expect(call(other, 'runs.import', { bundle: '{"format":"nn-lab-run","version":9}' })).rejects.toMatchObject({ code: 'bad_input', field: 'version' });
    await expect(call(other, 'runs.import', { bundle: '{"format":"nn-lab-run","version":1,"run":{}}' })).rejects.toMatchObject({ code: 'bad_input' });
  });

  it('backs up the whole database to a file that opens with every run', async () => {
    const lab = await openLab();
    const run = await call(lab, 'runs.start', moons(2));
    await ended(lab, run.id);
    const target = join(temp.dir, 'copy.db');
    await expect(call(lab, 'app.backup', { path: 'relative.db' })).rejects.toMatchObject({ field: 'path' });
    const result = await call(lab, 'app.backup', { path: target });
    expect(result?.bytes).toBeGreaterThan(0);
    const copy = openStore(target);
    expect(copy.connection.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.getRun(run.id).metrics).toHaveLength(2);
    copy.close();
  });

  it('runs a grid sweep: every point once per seed, grouped under one sweep', async () => {
    const lab = await openLab();
    const seen: string[] = [];
    lab.bus.subscribe((name, payload) => {
      const summary = payload as RunSummary;
      if (name === 'run.status' && summary.status === 'completed') seen.push(summary.id);
    });
    const sweep = await call(lab, 'sweeps.start', {
      datasetId: 'two-moons',
      name: 'lr',
      spec: twoMoonsSpec,
      train: twoMoonsTrain(2),
      sweep: { strategy: 'grid', parameters: { 'train.optimizer.lr': [0.01, 0.02] }, seeds: [1, 2] },
    });
    expect(sweep.runIds).toHaveLength(4);
    await Promise.all(sweep.runIds.map((id) => (seen.includes(id) ? Promise.resolve() : ended(lab, id))));
    const runs = await call(lab, 'runs.search', { sweepId: sweep.id });
    expect(runs).toHaveLength(4);
    const details = await Promise.all(runs.map((r) => callWholeRun(lab.handlers, r.id)));
    expect(details.map((d) => [d.train.optimizer.lr, d.seed]).sort()).toEqual([[0.01, 1], [0.01, 2], [0.02, 1], [0.02, 2]]);
    const [listed] = await call(lab, 'sweeps.list');
    expect(listed).toMatchObject({ id: sweep.id, name: 'lr', statusCounts: { completed: 4 } });
    await expect(
      call(lab, 'sweeps.start', { datasetId: 'two-moons', spec: twoMoonsSpec, train: twoMoonsTrain(2), sweep: { strategy: 'grid', parameters: { 'spec.layers.9.units': [4] } } }),
    ).rejects.toMatchObject({ code: 'bad_input', field: 'sweep.parameters.spec.layers.9.units' });
    await expect(
      call(lab, 'sweeps.start', { datasetId: 'two-moons', spec: twoMoonsSpec, train: twoMoonsTrain(2), sweep: { strategy: 'grid', parameters: { 'train.batchSize': [0] } } }),
    ).rejects.toMatchObject({ code: 'bad_input', message: expect.stringContaining('Sweep run batchSize=0 seed=0: train.batchSize') as unknown });
    expect(await call(lab, 'sweeps.list')).toHaveLength(1);
  });
});

describe('app: the database at start-up', () => {
  it('sets a corrupt database aside, starts fresh, and app.info says where the old file went', async () => {
    writeFileSync(join(temp.dir, 'lab.db'), 'not a database '.repeat(500));
    const lab = await openLab();
    const info = await call(lab, 'app.info');
    expect(info.notices).toHaveLength(1);
    expect(existsSync(info.notices![0]!.file)).toBe(true);
    expect(info.notices![0]!.message).toContain(info.notices![0]!.file);
    expect(await call(lab, 'runs.list')).toEqual([]);
  });
});

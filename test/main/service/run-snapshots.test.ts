import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventPayloads, RequestName, RequestResult } from '../../../src-core/contract/api';
import type { RunSnapshot } from '../../../src-core/contract/snapshots';
import type { RunSummary } from '../../../src-core/contract/training';
import { DEFAULT_SNAPSHOT_BUDGET } from '../../../src-core/insight/index';
import type { Lab } from '../../../src-main/app/create-lab';
import { openStore } from '../../../src-main/store/lab-store';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { callRequest, exportText } from '../../support/call-request';
import { nextStatus } from '../../support/run-status';
import { useTempLabs } from '../../support/temp-lab';

/** Snapshots of what a run's network computes: taken in the worker, stored, served in pages, told, bundled, deleted. */

const trainWorker = useBuiltTrainWorker();
const temp = useTempLabs('nn-lab-snapshots-', trainWorker);
const call = <K extends RequestName>(lab: Lab, name: K, args?: unknown): Promise<RequestResult<K>> => callRequest(lab.handlers, name, args);

const xorMlp = {
  datasetId: 'xor',
  name: 'xor mlp',
  spec: { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 1 }, { type: 'sigmoid' }] },
  train: { loss: 'bce', optimizer: { type: 'adam', lr: 0.05 }, batchSize: 16, epochs: 300, seed: 5 },
};

async function trained(lab: Lab, told: RunSnapshot[] = []): Promise<RunSummary> {
  lab.bus.subscribe((name, payload) => {
    if (name === 'run.snapshot' && 'snapshot' in (payload as EventPayloads['run.snapshot'])) told.push((payload as { snapshot: RunSnapshot }).snapshot);
  });
  const run = await call(lab, 'runs.start', xorMlp);
  const ended = await nextStatus(lab.bus, run.id);
  expect(ended.status).toBe('completed');
  return ended;
}

async function allSnapshots(lab: Lab, id: string): Promise<RunSnapshot[]> {
  const out: RunSnapshot[] = [];
  for (let from: number | undefined = 1; from !== undefined; ) {
    const page: RequestResult<'runs.snapshots'> = await call(lab, 'runs.snapshots', { id, from, limit: 40 });
    out.push(...page.snapshots);
    from = page.next;
  }
  return out;
}

describe('run snapshots', () => {
  it('stores the planned epochs within the budget, tells each once stored, and serves them with the frame', async () => {
    const lab = await temp.openLab();
    const told: RunSnapshot[] = [];
    const run = await trained(lab, told);
    const first = await call(lab, 'runs.snapshots', { id: run.id, from: 1, limit: 1, frame: true });
    expect(first.frame).toMatchObject({ task: 'classification', split: 'validation', classes: 2, plane: { kind: 'features', resolution: [64, 64] } });
    expect(first.frame!.plane!.points.data).toBeInstanceOf(Float32Array);
    expect(first.snapshots.map((s) => s.epoch)).toEqual([1]);
    expect(first.next).toBeGreaterThan(first.snapshots.at(-1)!.epoch);
    const stored = await allSnapshots(lab, run.id);
    const epochs = stored.map((s) => s.epoch);
    // The planned epochs, less those skipped to keep snapshots under 10 % of the training time; the first and last always.
    const plan = Array.from(first.frame!.plan.data);
    expect(plan).toHaveLength(300); // 300 of XOR's small snapshots fit the budget
    expect(epochs.every((e) => plan.includes(e))).toBe(true);
    expect(epochs[0]).toBe(1);
    expect(epochs.at(-1)).toBe(300);
    expect(told.map((s) => s.epoch)).toEqual(epochs);
    const last = stored.at(-1)!;
    expect(last.boundary!.classes.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(last.boundary!.classes.data)).toEqual(Array.from(told.at(-1)!.boundary!.classes.data));
    expect(last.hidden!.points.shape).toEqual([first.frame!.rows.shape[0], 2]);
    await expect(call(lab, 'runs.snapshots', { id: 'nope', from: 1 })).rejects.toMatchObject({ code: 'not_found' });
    await lab.close();
    const db = openStore(join(temp.dir, 'lab.db'));
    const bytes = db.snapshotBytes(run.id);
    db.close();
    expect(bytes).toBeGreaterThan(2 * 8192); // at least two 64 × 64 grids (class and confidence bytes each)
    expect(bytes).toBeLessThanOrEqual(DEFAULT_SNAPSHOT_BUDGET);
  });

  it('carries the snapshots in a run bundle to another lab, and deletes them with the run', async () => {
    const lab = await temp.openLab();
    const run = await trained(lab);
    const before = await allSnapshots(lab, run.id);
    const bundle = exportText(await call(lab, 'runs.export', { id: run.id, format: 'bundle' }));
    const other = await temp.openLab({ name: 'other.db' });
    await call(other, 'runs.import', { bundle });
    const after = await allSnapshots(other, run.id);
    expect(after.map((s) => s.epoch)).toEqual(before.map((s) => s.epoch));
    expect(Array.from(after.at(-1)!.hidden!.points.data)).toEqual(Array.from(before.at(-1)!.hidden!.points.data));
    const frame = (await call(other, 'runs.snapshots', { id: run.id, from: 1, limit: 1, frame: true })).frame!;
    expect(Array.from(frame.actual!.data)).toEqual(Array.from((await call(lab, 'runs.snapshots', { id: run.id, from: 1, limit: 1, frame: true })).frame!.actual!.data));

    // A bundle whose snapshot bytes do not fill its tensors is refused, naming the field.
    const broken = JSON.parse(bundle) as { run: { id: string }; snapshots: { data: string }[] };
    broken.run.id = 'broken';
    broken.snapshots[0]!.data = 'AAAA';
    await expect(call(other, 'runs.import', { bundle: JSON.stringify(broken) })).rejects.toMatchObject({ code: 'bad_input', field: 'snapshots.0' });

    await call(lab, 'runs.delete', { id: run.id });
    await lab.close();
    const db = openStore(join(temp.dir, 'lab.db'));
    for (const table of ['run_snapshots', 'run_snapshot_frames']) expect(db.connection.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    db.close();
  });
});

import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RequestName, RequestResult } from '../../../src-core/contract/api';
import type { RunSummary } from '../../../src-core/contract/training';
import { Random } from '../../../src-core/data/random';
import type { Lab } from '../../../src-main/app/create-lab';
import { dispatchRequest } from '../../../src-main/app/dispatch';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { callRequest, callWholeRun } from '../../support/call-request';
import { nextStatus } from '../../support/run-status';
import { useTempLabs } from '../../support/temp-lab';

/** An imported file trains through runs.start on the rows stored in the database, whatever became of the file. */
const trainWorker = useBuiltTrainWorker();
const temp = useTempLabs('nn-lab-imported-run-', trainWorker);
let lab: Lab;

beforeEach(async () => {
  lab = await temp.openLab();
});

const call = <K extends RequestName>(name: K, args?: unknown): Promise<RequestResult<K>> => callRequest(lab.handlers, name, args);

const finished = (runId: string): Promise<RunSummary> => nextStatus(lab.bus, runId);

/** Points labelled by the side of a line, with a colour column that carries no signal. */
function sidesCsv(rows: number): string {
  const rng = new Random(11);
  const lines = ['a,b,colour,side'];
  for (let i = 0; i < rows; i++) {
    const x = rng.next() * 4 - 2;
    const y = rng.next() * 4 - 2;
    lines.push(`${x.toFixed(3)},${y.toFixed(3)},${['red', 'blue'][i % 2]},${y > x ? 'above' : 'below'}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('runs.start on an imported dataset', () => {
  it('trains on the stored rows after the file is gone, with the input width of the one-hot columns', async () => {
    const path = join(temp.dir, 'sides.csv');
    writeFileSync(path, sidesCsv(300));
    const imported = await call('datasets.import', { path });
    expect(imported.info.inputShape).toEqual([4]); // a, b and colour one-hot over red and blue
    unlinkSync(path);

    const spec = { input: [4], layers: [{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 2 }, { type: 'softmax' }] };
    const train = { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.05 }, batchSize: 32, epochs: 30, seed: 3 };
    const wrong = await dispatchRequest(lab.handlers, 'runs.start', { datasetId: imported.info.id, spec: { ...spec, input: [2] }, train });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'spec.input' } });

    const queued = await call('runs.start', { datasetId: imported.info.id, spec, train });
    const done = await finished(queued.id);
    expect(done.status).toBe('completed');
    const detail = await callWholeRun(lab.handlers, queued.id);
    expect(detail.metrics).toHaveLength(30);
    expect(detail.metrics.at(-1)!.valAccuracy).toBeGreaterThan(0.9);
    // The dataset a run used cannot be deleted from under it.
    expect(await dispatchRequest(lab.handlers, 'datasets.delete', { id: imported.info.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  }, 120_000);
});

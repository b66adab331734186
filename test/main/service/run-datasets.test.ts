import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-core/contract/api-error';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { TrainConfig } from '../../../src-core/contract/run-config';
import { findBundledDataset } from '../../../src-core/data/datasets';
import { Random } from '../../../src-core/data/random';
import { EventBus } from '../../../src-main/app/event-bus';
import { checkRunFits } from '../../../src-main/service/check-run-fits';
import { createDatasetHandlers, datasetStoreOf } from '../../../src-main/service/dataset-service';
import { RunDatasets } from '../../../src-main/service/run-datasets';
import { useTempStore } from '../../support/temp-store';

/** The data runs train on: content hashes, target widths, forgetting deleted datasets. */
const temp = useTempStore('nn-lab-run-datasets-');
let handlers: ReturnType<typeof createDatasetHandlers>;
let runDatasets: RunDatasets;
const deleted: string[] = [];

beforeEach(() => {
  runDatasets = new RunDatasets(datasetStoreOf(temp.store));
  deleted.length = 0;
  handlers = createDatasetHandlers({
    store: temp.store,
    bus: new EventBus(),
    onDeleted: (id) => {
      deleted.push(id);
      runDatasets.forget(id);
    },
  });
});

/** Two numeric features and two numeric targets (t1 = a + b, t2 = a - b). */
function twoTargetsCsv(rows: number): string {
  const rng = new Random(4);
  const lines = ['a,b,t1,t2'];
  for (let i = 0; i < rows; i++) {
    const [a, b] = [rng.next() * 2 - 1, rng.next() * 2 - 1];
    lines.push(`${a.toFixed(3)},${b.toFixed(3)},${(a + b).toFixed(3)},${(a - b).toFixed(3)}`);
  }
  return `${lines.join('\n')}\n`;
}

const regression: TrainConfig = { loss: 'mse', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 16, epochs: 2 };
const ending = (units: number): ModelSpec => ({ input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units }] });

async function importTwoTargets(): Promise<string> {
  const path = join(temp.dir, 'targets.csv');
  writeFileSync(path, twoTargetsCsv(120));
  const imported = await handlers['datasets.import']({ path });
  const derived = await handlers['datasets.update-columns']({ id: imported.info.id, target: ['t1', 't2'], task: 'regression' });
  return derived.info.id;
}

describe('RunDatasets', () => {
  it('knows an imported regression has two target columns: two outputs fit, one is refused naming the last layer', async () => {
    const id = await importTwoTargets();
    const dataset = runDatasets.resolve(id);
    expect(dataset.targetWidth).toBe(2);
    expect(() => checkRunFits(ending(2), regression, dataset.info, dataset.targetWidth)).not.toThrow();
    let refusal: unknown;
    try {
      checkRunFits(ending(1), regression, dataset.info, dataset.targetWidth);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal).toMatchObject({ code: 'bad_input', field: 'spec.layers.2' });
    expect((refusal as ApiError).message).toContain('2 target values per row');
  });

  it('names imported data by sha256 of the file, bundled data by sha256 of its generated arrays and parameters', async () => {
    const id = await importTwoTargets();
    const imported = runDatasets.resolve(id);
    expect(imported.hash).toBe(`sha256:${imported.info.source!.hash}`);
    const moons = runDatasets.resolve('two-moons');
    const circles = runDatasets.resolve('circles');
    expect(moons.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(circles.hash).not.toBe(moons.hash);
    // Generated from fixed seeds: another process (a fresh RunDatasets) computes the same hash.
    expect(new RunDatasets(undefined).resolve('two-moons').hash).toBe(moons.hash);
    expect(findBundledDataset('circles')).toBeDefined();
  });

  it('lets a deleted dataset go: datasets.delete tells it, the rows leave memory, and a run on it is refused', async () => {
    const path = join(temp.dir, 'targets.csv');
    writeFileSync(path, twoTargetsCsv(50));
    const { info } = await handlers['datasets.import']({ path });
    runDatasets.resolve(info.id);
    expect(runDatasets.isLoaded(info.id)).toBe(true);
    handlers['datasets.delete']({ id: info.id });
    expect(deleted).toEqual([info.id]);
    expect(runDatasets.isLoaded(info.id)).toBe(false);
    expect(() => runDatasets.resolve(info.id)).toThrow(expect.objectContaining({ code: 'not_found', field: 'datasetId' }));
  });
});

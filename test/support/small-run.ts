import type { NewRun } from '../../src-main/store/lab-store';

/** A small two-moons run to store (2 inputs → dense 2, plain SGD, 3 epochs, seed 1), created now; `extra` sets any field. */
export function smallRun(id: string, extra: Partial<NewRun> = {}): NewRun {
  return {
    id,
    name: id,
    datasetId: 'two-moons',
    datasetName: 'Two moons',
    task: 'classification',
    spec: { input: [2], layers: [{ type: 'dense', units: 2 }] },
    train: { loss: 'cross_entropy', optimizer: { type: 'sgd' }, batchSize: 8, epochs: 3 },
    seed: 1,
    createdAt: new Date().toISOString(),
    ...extra,
  };
}

import type { RunConfig } from '../../../src-core/contract/run-config';
import { Random } from '../../../src-core/data/random';
import type { NewRun } from '../../../src-main/store/lab-store';
import { smallRun } from '../../support/small-run';
import { csvText } from './cli-harness';

/** Shared by the runs, sweep and export CLI tests. */

/** Two blobs, "a" and "b". */
export function blobsCsv(rows: number): string {
  const rng = new Random(9);
  const out: Array<Array<string | number>> = [];
  for (let i = 0; i < rows; i++) out.push([(rng.normal() + (i % 2) * 3).toFixed(4), rng.normal().toFixed(4), i % 2 ? 'b' : 'a']);
  return csvText(['x', 'y', 'label'], out);
}

/** A small classifier on blobs.csv (beside the config). */
export const blobsConfig = (epochs: number, name = 'blobs'): RunConfig => ({
  name,
  data: { path: 'blobs.csv', target: 'label', validation: 0.25 },
  model: { input: [2], layers: [{ type: 'dense', units: 6 }, { type: 'tanh' }, { type: 'dense', units: 2 }, { type: 'softmax' }] },
  train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.05 }, batchSize: 16, epochs, seed: 3 },
});

/** A run as a crashed process left it (the test sets it running with a pid no process has). */
export const deadRun: Omit<NewRun, 'createdAt'> = smallRun('dead', { datasetId: 'file:x.csv', datasetName: 'x.csv' });

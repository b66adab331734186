import type { DatasetInfo, DatasetPreview } from '../../contract/datasets';
import type { TensorData, TrainingData } from '../../nn/training-session';
import { twoMoons } from '../generators/two-moons';
import { splitRows } from './split-rows';

/**
 * The datasets that ship with the app: picked by id, rebuilt deterministically wherever they are needed
 * (the service to validate and preview, a pool worker to train). To add one, append an entry.
 */
export interface BundledDataset {
  info: DatasetInfo;
  /** Every row, in generation order. */
  rows(): TensorData;
  /** Share of rows held out for validation (split with `splitSeed`). */
  validation: number;
  splitSeed: number;
}

export const bundledDatasets: readonly BundledDataset[] = [
  {
    info: {
      id: 'two-moons',
      name: 'Two moons',
      description: 'Two interleaving half circles with noise 0.15: 500 points, 2 features, 2 classes.',
      task: 'classification',
      rows: 500,
      features: 2,
      inputShape: [2],
      classes: ['upper', 'lower'],
    },
    rows: () => twoMoons({ samples: 500, noise: 0.15, seed: 42 }),
    validation: 0.2,
    splitSeed: 42,
  },
];

export function findBundledDataset(id: string): BundledDataset | undefined {
  return bundledDatasets.find((dataset) => dataset.info.id === id);
}

/** The dataset as the engine trains on it: shuffled once, split into train and validation. */
export function bundledTrainingData(dataset: BundledDataset): TrainingData {
  const { train, validation } = splitRows(dataset.rows(), dataset.validation, dataset.splitSeed);
  const data: TrainingData = { inputShape: dataset.info.inputShape, task: dataset.info.task, train, validation };
  if (dataset.info.classes) data.classCount = dataset.info.classes.length;
  return data;
}

/** Up to `limit` points of a 2-D dataset for a scatter plot, evenly spread over the rows. */
export function bundledPreview(dataset: BundledDataset, limit = 1000): DatasetPreview | undefined {
  if (dataset.info.features !== 2) return undefined;
  const all = dataset.rows();
  const step = Math.max(1, Math.ceil(all.rows / limit));
  const yWidth = all.y.length / all.rows;
  const points: Array<[number, number]> = [];
  const labels: number[] = [];
  for (let row = 0; row < all.rows; row += step) {
    points.push([all.x[row * 2]!, all.x[row * 2 + 1]!]);
    labels.push(all.y[row * yWidth]!);
  }
  return { id: dataset.info.id, points, labels };
}

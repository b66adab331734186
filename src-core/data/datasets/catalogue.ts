import type { DatasetInfo, DatasetPreview } from '../../contract/datasets';
import type { TensorData, TrainingData } from '../training-data';
import { generators } from '../generators/index';
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

/** A bundled dataset made by one of the synthetic generators, with fixed parameters and seed. */
function generated(id: string, overrides: { samples?: number; noise?: number; description?: string } = {}): BundledDataset {
  const generator = generators.find((g) => g.id === id);
  if (!generator) throw new Error(`no generator ${id}`);
  const samples = overrides.samples ?? generator.samples.default;
  const noise = overrides.noise ?? generator.noise.default;
  const info: DatasetInfo = {
    id,
    name: generator.name,
    description: overrides.description ?? generator.description,
    task: generator.task,
    rows: samples,
    features: generator.inputShape.reduce((a, b) => a * b, 1),
    inputShape: generator.inputShape,
  };
  if (generator.classes) info.classes = generator.classes;
  return { info, rows: () => generator.generate({ samples, noise, seed: 42 }), validation: 0.2, splitSeed: 42 };
}

export const bundledDatasets: readonly BundledDataset[] = [
  generated('two-moons', {
    samples: 500,
    noise: 0.15,
    description: 'Two interleaving half circles with noise 0.15: 500 points, 2 features, 2 classes.',
  }),
  generated('xor'),
  generated('and'),
  generated('or'),
  generated('circles'),
  generated('spirals'),
  generated('blobs'),
  generated('linear'),
  generated('sine'),
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

/**
 * Up to `limit` points for a scatter plot, evenly spread over the rows: a 2-D dataset's two features
 * labelled by class, or a 1-D regression's (x, y) labelled by y. Undefined for other shapes.
 */
export function bundledPreview(dataset: BundledDataset, limit = 1000): DatasetPreview | undefined {
  const { features, task } = dataset.info;
  const regressionCurve = features === 1 && task === 'regression';
  if (features !== 2 && !regressionCurve) return undefined;
  const all = dataset.rows();
  const step = Math.max(1, Math.ceil(all.rows / limit));
  const yWidth = all.y.length / all.rows;
  const points: Array<[number, number]> = [];
  const labels: number[] = [];
  for (let row = 0; row < all.rows; row += step) {
    const label = all.y[row * yWidth]!;
    points.push(regressionCurve ? [all.x[row]!, label] : [all.x[row * 2]!, all.x[row * 2 + 1]!]);
    labels.push(label);
  }
  return { id: dataset.info.id, points, labels };
}

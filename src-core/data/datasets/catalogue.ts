import type { DatasetInfo, DatasetPreview } from '../../contract/datasets';
import type { TensorData, TrainingData } from '../training-data';
import { misalignedMoons, nanMoons, unscaledMoons } from '../generators/broken-moons';
import { generators } from '../generators/index';
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

/**
 * A bundled dataset a Learn explorer trains on (listed in the Learn group, after the others): two-moons rows made
 * by `generate`, so "Keep as runs" and "Open in the workbench" use the rows the explorer's chart shows.
 */
function learnMoons(
  id: string,
  name: string,
  description: string,
  generate: typeof twoMoons,
  options: { samples: number; noise: number; seed: number; validation: number },
): BundledDataset {
  const { samples, noise, seed, validation } = options;
  const info: DatasetInfo = { id, name, description, task: 'classification', rows: samples, features: 2, inputShape: [2], classes: ['upper', 'lower'], group: 'learn' };
  return { info, rows: () => generate({ samples, noise, seed }), validation, splitSeed: seed };
}

/** The checklist's broken sets: the bundled two-moons rows (500, noise 0.15, seed 42) with one mistake each. */
const checklistMoons = { samples: 500, noise: 0.15, seed: 42, validation: 0.2 };

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
  learnMoons(
    'learn-noisy-moons',
    'Regularisation: 60 noisy moons',
    'Two moons with noise 0.3: 60 points, half held out for validation, few enough for a large network to memorise (the Learn regularisation explorer).',
    twoMoons,
    { samples: 60, noise: 0.3, seed: 7, validation: 0.5 },
  ),
  learnMoons(
    'checklist-unscaled-inputs',
    'Checklist: unscaled inputs',
    'Two moons with x2 recorded in thousandths (x2 · 1000 + 5000) while x1 stays within ±2: a broken set-up from the debugging checklist.',
    unscaledMoons,
    checklistMoons,
  ),
  learnMoons(
    'checklist-wrong-labels',
    'Checklist: labels encoded wrong',
    'Two moons whose labels were joined to the rows in the wrong order: each row carries another row’s class, so the inputs do not predict them.',
    misalignedMoons,
    checklistMoons,
  ),
  learnMoons(
    'checklist-nan-in-data',
    'Checklist: a NaN in the data',
    'Two moons with x1 missing (NaN) in every 60th row, as from a failed sensor read: one NaN in a batch turns the loss into NaN.',
    nanMoons,
    checklistMoons,
  ),
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

import { ApiError } from '../../contract/api-error';
import type { TaskKind } from '../../contract/run-config';
import type { TensorData } from '../training-data';
import { blobs } from './blobs';
import { circles } from './circles';
import type { GeneratorParams } from './generator-params';
import { andGate, orGate, xorGate } from './logic-gates';
import { linearRegression, sineRegression } from './regression-curves';
import { spirals } from './spirals';
import { twoMoons } from './two-moons';

export type { GeneratorParams } from './generator-params';

export interface Range {
  min: number;
  max: number;
  default: number;
}

/** A synthetic dataset: what it is, its parameter ranges, and its generator. */
export interface GeneratorInfo {
  id: string;
  name: string;
  description: string;
  task: TaskKind;
  inputShape: number[];
  classes?: string[];
  samples: Range;
  noise: Range;
  generate: (params: GeneratorParams) => TensorData;
}

const samples = (defaults: number): Range => ({ min: 4, max: 100_000, default: defaults });
const noise = (max: number, defaults: number): Range => ({ min: 0, max, default: defaults });
const binary = ['0', '1'];

export const generators: GeneratorInfo[] = [
  { id: 'and', name: 'AND', description: 'The four corners of the unit square, label a AND b: linearly separable, a single perceptron learns it.', task: 'classification', inputShape: [2], classes: binary, samples: samples(200), noise: noise(0.5, 0.1), generate: andGate },
  { id: 'or', name: 'OR', description: 'The four corners of the unit square, label a OR b: linearly separable.', task: 'classification', inputShape: [2], classes: binary, samples: samples(200), noise: noise(0.5, 0.1), generate: orGate },
  { id: 'xor', name: 'XOR', description: 'The four corners of the unit square, label a XOR b: not linearly separable, the classic case for a hidden layer.', task: 'classification', inputShape: [2], classes: binary, samples: samples(200), noise: noise(0.5, 0.1), generate: xorGate },
  { id: 'circles', name: 'Circles', description: 'A circle inside a ring: separable only by a curved boundary.', task: 'classification', inputShape: [2], classes: ['outer', 'inner'], samples: samples(400), noise: noise(0.3, 0.05), generate: circles },
  { id: 'two-moons', name: 'Two moons', description: 'Two interleaving half circles (scikit-learn make_moons).', task: 'classification', inputShape: [2], classes: ['upper', 'lower'], samples: samples(400), noise: noise(0.5, 0.1), generate: twoMoons },
  { id: 'spirals', name: 'Spirals', description: 'Two interleaved spirals of 1.5 turns: hard for small networks.', task: 'classification', inputShape: [2], classes: binary, samples: samples(600), noise: noise(0.2, 0.02), generate: spirals },
  { id: 'blobs', name: 'Gaussian blobs', description: 'Three Gaussian clusters on a circle: a three-class problem, easy when the noise is low.', task: 'classification', inputShape: [2], classes: ['0', '1', '2'], samples: samples(300), noise: noise(2, 0.5), generate: (p) => blobs({ ...p, classes: 3 }) },
  { id: 'linear', name: 'Linear regression', description: 'y = 2x + 1 over [-1, 1] with Gaussian noise: one input, one output.', task: 'regression', inputShape: [1], samples: samples(100), noise: noise(2, 0.2), generate: linearRegression },
  { id: 'sine', name: 'Sine regression', description: 'y = sin(x) over [-π, π] with Gaussian noise: a curve a linear model cannot fit.', task: 'regression', inputShape: [1], samples: samples(200), noise: noise(1, 0.1), generate: sineRegression },
];

/** Generates a named dataset after checking its parameters against their ranges. */
export function generateDataset(id: string, params: Partial<GeneratorParams> & { seed: number }): TensorData {
  const info = generators.find((g) => g.id === id);
  if (!info) {
    throw new ApiError({ code: 'not_found', message: `no generated dataset '${id}' (known: ${generators.map((g) => g.id).join(', ')})`, field: 'id' });
  }
  const full: GeneratorParams = { samples: params.samples ?? info.samples.default, noise: params.noise ?? info.noise.default, seed: params.seed };
  for (const key of ['samples', 'noise'] as const) {
    const range = info[key];
    const value = full[key];
    if (!(value >= range.min && value <= range.max) || (key === 'samples' && !Number.isInteger(value))) {
      throw new ApiError({ code: 'bad_input', message: `${info.name}: ${key} must be ${key === 'samples' ? 'an integer ' : ''}between ${range.min} and ${range.max}, got ${value}`, field: key });
    }
  }
  return info.generate(full);
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import type { ModelSpec, ModelState } from '../../src-core/contract/model-spec';
import type { LossName, OptimizerConfig, TrainConfig } from '../../src-core/contract/run-config';

/** The PyTorch parity fixtures (PyTorch 1.13, float64), shared with the other projects beside this one. */
const fixtureDir = resolve(__dirname, '../../../shared/fixtures/parity');

/** One fixture file: a model, its data and training settings, and what PyTorch computed from them. */
export interface ParityFixture {
  name: string;
  spec: ModelSpec;
  state: ModelState;
  x: { shape: number[]; data: number[] };
  y: number[] | number[][];
  loss: { type: LossName; delta?: number };
  optimizer: OptimizerConfig;
  l1: number;
  l2: number;
  clip_norm?: number;
  batch_size: number;
  epochs: number;
  expected_output_eval_before: number[];
  expected_losses: number[];
  expected_grads_first_step: ModelState;
  expected_state_after: ModelState;
  expected_output_eval_after: number[];
}

/** The fixture file names, sorted; none when the folder is missing (each suite's "finds the fixtures" says so). */
export function parityFixtureFiles(): string[] {
  return existsSync(fixtureDir) ? readdirSync(fixtureDir).filter((f) => f.endsWith('.json')).sort() : [];
}

export function readParityFixture(file: string): ParityFixture {
  return JSON.parse(readFileSync(join(fixtureDir, file), 'utf8')) as ParityFixture;
}

/** The fixture's training settings as the library takes them: in order (no shuffle), with its penalties. */
export function parityTrainConfig(f: ParityFixture): TrainConfig {
  return {
    loss: f.loss.type,
    ...(f.loss.delta !== undefined ? { huberDelta: f.loss.delta } : {}),
    optimizer: f.optimizer,
    batchSize: f.batch_size,
    epochs: f.epochs,
    shuffle: false,
    l1: f.l1,
    l2: f.l2,
    ...(f.clip_norm !== undefined ? { clipNorm: f.clip_norm } : {}),
  };
}

/**
 * Fails unless every value agrees with PyTorch's: |ours − torch| ≤ 1e-4 · max(|torch|, scale), where scale is
 * 1e-2 × the largest magnitude of the expected tensor (at least 1e-3). So each value must agree to 1e-4
 * relative, except values that are tiny next to their own tensor, where float32 rounding of the big terms that
 * cancel into them is the honest limit; those must agree to 1e-6 of the tensor's largest value.
 */
export function expectCloseToTorch(actual: ArrayLike<number>, expected: number[], what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  const largest = expected.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const scale = Math.max(1e-3, 1e-2 * largest);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const b = expected[i]!;
    const limit = 1e-4 * Math.max(Math.abs(b), scale);
    if (!(Math.abs(a - b) <= limit)) {
      expect.fail(`${what}[${i}]: ${a} vs PyTorch ${b} (|diff| ${Math.abs(a - b).toExponential(2)} > ${limit.toExponential(2)})`);
    }
  }
}

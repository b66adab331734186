import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelSpec, ModelState } from '../../../src-core/contract/model-spec';
import type { LossName, OptimizerConfig, TaskKind, TrainConfig } from '../../../src-core/contract/run-config';
import { SequentialSession } from '../../../src-core/nn/sequential-session';

/**
 * PyTorch parity: every fixture in ../shared/fixtures/parity (PyTorch 1.13, float64) replayed through the
 * library in float32, as it trains for real.
 *
 * Tolerance: |ours − torch| ≤ 1e-4 · max(|torch|, scale), where scale is 1e-2 × the largest magnitude of
 * the compared tensor (at least 1e-3). So each value must agree to 1e-4 relative, except values that are
 * tiny next to their own tensor, where float32 rounding of the big terms that cancel into them is the
 * honest limit; those must agree to 1e-6 of the tensor's largest value.
 */
const repoRoot = path.resolve(__dirname, '../../..');
const fixtureDir = path.resolve(repoRoot, '../shared/fixtures/parity');
const RTOL = 1e-4;

interface Fixture {
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

function closeTo(actual: ArrayLike<number>, expected: number[], what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  const largest = expected.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const scale = Math.max(1e-3, 1e-2 * largest);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const b = expected[i]!;
    const limit = RTOL * Math.max(Math.abs(b), scale);
    if (!(Math.abs(a - b) <= limit)) {
      expect.fail(`${what}[${i}]: ${a} vs PyTorch ${b} (|diff| ${Math.abs(a - b).toExponential(2)} > ${limit.toExponential(2)})`);
    }
  }
}

function taskOf(f: Fixture): TaskKind {
  if (f.loss.type === 'cross_entropy') return 'classification';
  if (f.loss.type === 'bce') return 'multilabel';
  return 'regression';
}

const files = readdirSync(fixtureDir).filter((f) => f.endsWith('.json')).sort();

describe('PyTorch parity', () => {
  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(file.replace(/\.json$/, ''), () => {
      const f = JSON.parse(readFileSync(path.join(fixtureDir, file), 'utf8')) as Fixture;
      const rows = f.x.shape[0]!;
      const train: TrainConfig = {
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
      const x = Float32Array.from(f.x.data);
      const session = new SequentialSession({
        spec: f.spec,
        train,
        data: { inputShape: f.spec.input, task: taskOf(f), train: { x, y: Float32Array.from(f.y.flat()), rows } },
        seed: 0,
        initialState: f.state,
      });

      closeTo(session.predict(x, rows), f.expected_output_eval_before, 'output before training');

      const losses: number[] = [];
      let firstGrads: ModelState | undefined;
      while (!session.finished) {
        session.runEpoch((_batch, loss) => {
          if (!firstGrads) {
            firstGrads = {};
            for (const slot of session.model.slots) {
              if (slot.kind === 'param') firstGrads[slot.key] = { shape: slot.shape, data: Array.from(session.model.gradView(slot)) };
            }
          }
          losses.push(loss);
        });
      }
      closeTo(losses, f.expected_losses, 'losses');

      expect(Object.keys(firstGrads!).sort()).toEqual(Object.keys(f.expected_grads_first_step).sort());
      for (const [key, t] of Object.entries(f.expected_grads_first_step)) {
        expect(firstGrads![key]!.shape, key).toEqual(t.shape);
        closeTo(firstGrads![key]!.data, t.data, `gradient ${key}`);
      }

      const state = session.state();
      expect(Object.keys(state)).toEqual(Object.keys(f.expected_state_after));
      for (const [key, t] of Object.entries(f.expected_state_after)) {
        expect(state[key]!.shape, key).toEqual(t.shape);
        closeTo(state[key]!.data, t.data, `state ${key}`);
      }

      closeTo(session.predict(x, rows), f.expected_output_eval_after, 'output after training');
    });
  }
});

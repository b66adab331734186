import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelState } from '../../../src-core/contract/model-spec';
import type { TaskKind } from '../../../src-core/contract/run-config';
import { SequentialSession } from '../../../src-core/nn/sequential-session';
import { testedBackends } from '../../support/kernel-backends';
import { expectCloseToTorch as closeTo, parityFixtureFiles, parityTrainConfig, readParityFixture, type ParityFixture as Fixture } from '../../support/parity-fixtures';

function taskOf(f: Fixture): TaskKind {
  if (f.loss.type === 'cross_entropy') return 'classification';
  if (f.loss.type === 'bce') return 'multilabel';
  return 'regression';
}

/**
 * PyTorch parity: every fixture in ../shared/fixtures/parity (PyTorch 1.13, float64) replayed through the
 * library in float32, as it trains for real.
 *
 * Tolerance (closeTo, test/support/parity-fixtures.ts): |ours − torch| ≤ 1e-4 · max(|torch|, scale), where
 * scale is 1e-2 × the largest magnitude of the compared tensor (at least 1e-3). On every kernel backend.
 */
const files = parityFixtureFiles();

describe.each(testedBackends)('PyTorch parity on $name', (backend) => {
  beforeAll(() => {
    expect(backend.use()).toBe(backend.name);
  });

  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(file.replace(/\.json$/, ''), () => {
      const f = readParityFixture(file);
      const rows = f.x.shape[0]!;
      const train = parityTrainConfig(f);
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

import { describe, expect, it } from 'vitest';
import { Random } from '../../../src-core/data/random';
import { createTrainingSession } from '../../../src-core/nn/index';
import type { TensorData } from '../../../src-core/nn/training-session';

/** Linearly separable points: class 1 above the line x1 = 0.5·x0 + 0.2, with a margin. */
function separable(rows: number, seed: number): TensorData {
  const rng = new Random(seed);
  const x = new Float32Array(rows * 2);
  const y = new Float32Array(rows);
  for (let i = 0; i < rows; ) {
    const a = rng.next() * 4 - 2;
    const b = rng.next() * 4 - 2;
    const d = b - (0.5 * a + 0.2);
    if (Math.abs(d) < 0.1) continue;
    x[i * 2] = a;
    x[i * 2 + 1] = b;
    y[i] = d > 0 ? 1 : 0;
    i++;
  }
  return { x, y, rows };
}

describe('perceptron', () => {
  it('converges to zero training errors on separable data with the perceptron rule', () => {
    const session = createTrainingSession({
      spec: { kind: 'perceptron', input: [2], layers: [] },
      train: { loss: 'mse', optimizer: { type: 'sgd', lr: 1 }, batchSize: 1, epochs: 100 },
      data: { inputShape: [2], task: 'classification', classCount: 2, train: separable(200, 1), validation: separable(100, 2) },
      seed: 3,
    });
    let last = session.runEpoch();
    while (!session.finished && last.accuracy! < 1) last = session.runEpoch();
    expect(last.accuracy).toBe(1);
    expect(last.valAccuracy).toBeGreaterThan(0.9);
    const state = session.state();
    expect(state['0.weight']!.shape).toEqual([1, 2]);
    expect(state['0.bias']!.shape).toEqual([1]);
    // The learned boundary w·x + b = 0 tilts like the true one: w1 > 0 and w0 < 0.
    expect(state['0.weight']!.data[1]).toBeGreaterThan(0);
    expect(state['0.weight']!.data[0]).toBeLessThan(0);
    const diagnostics = session.diagnostics!()!;
    expect(diagnostics.layers[0]!.weightNorm).toBeCloseTo(Math.hypot(...state['0.weight']!.data, ...state['0.bias']!.data), 5);
    expect(diagnostics.layers[0]!.weightHistogram!.counts.reduce((a, b) => a + b, 0)).toBe(2);
    const out = session.predict(Float32Array.from([0, 2, 0, -2]), 2);
    expect(Array.from(out)).toEqual([1, 0]);
  });

  it('refuses regression', () => {
    expect(() =>
      createTrainingSession({
        spec: { kind: 'perceptron', input: [2], layers: [] },
        train: { loss: 'mse', optimizer: { type: 'sgd' }, batchSize: 1, epochs: 1 },
        data: { inputShape: [2], task: 'regression', train: separable(10, 1) },
        seed: 1,
      }),
    ).toThrow(/perceptron classifies/);
  });
});

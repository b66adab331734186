import { describe, expect, it } from 'vitest';
import { noisyMoons, regularisationRun, regularisationWorkbench } from '../../../src-core/learn/index';
import { analyzeSpec } from '../../../src-core/nn/index';

describe('overfitting and regularisation (core sessions; 300 epochs of a 2-128-128-1 net, ~1.5 s a variant here)', () => {
  it('none memorises the 30 training points and its validation gap grows; L2 and dropout shrink it; early stopping stops and keeps its best epoch', () => {
    const data = noisyMoons();
    expect(data.train.rows).toBe(30);
    const none = regularisationRun('none', { data });
    expect(none.accuracy).toBe(1);
    expect(none.valAccuracy).toBeLessThan(none.accuracy);
    expect(none.gap.at(-1)!).toBeGreaterThan(1);
    expect(none.gap.at(-1)!).toBeGreaterThan(none.gap[10]!);

    const l2 = regularisationRun('l2', { data });
    expect(Math.abs(l2.gap.at(-1)!)).toBeLessThan(none.gap.at(-1)! / 4);
    const dropout = regularisationRun('dropout', { data });
    expect(dropout.gap.at(-1)!).toBeLessThan(none.gap.at(-1)!);

    const early = regularisationRun('early_stopping', { data, resolution: 20 });
    expect(early.loss.length).toBeLessThan(300);
    expect(early.keptEpoch).toBeLessThan(early.loss.length);
    expect(early.valLoss[early.keptEpoch - 1]).toBe(Math.min(...early.valLoss));
    expect(early.boundary.classes.shape).toEqual([20, 20]);
    // the boundaries differ: the unregularised one is the more ragged
    expect(none.boundary.classes.data.length).toBe(2500);
  });

  it('opens each variant in the workbench', () => {
    for (const kind of ['none', 'l2', 'dropout', 'early_stopping'] as const) {
      const setup = regularisationWorkbench(kind);
      expect(() => analyzeSpec(setup.spec, { loss: setup.train.loss })).not.toThrow();
    }
    expect(regularisationWorkbench('l2').train.l2).toBe(0.01);
    expect(regularisationWorkbench('dropout').spec.layers.filter((l) => l.type === 'dropout').length).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { batchNormGrid, batchNormWorkbench } from '../../../src-core/learn/index';

describe('batch norm across learning rates (8 sigmoid layers, core sessions; 8 runs of 15 epochs ~4 s here)', () => {
  it('without batch norm the deep sigmoid net stays at chance at every rate; with it most rates train', () => {
    const cells = batchNormGrid();
    expect(cells.length).toBe(8);
    const without = cells.filter((c) => !c.batchNorm);
    const withBn = cells.filter((c) => c.batchNorm);
    for (const c of without) expect(c.diverged || c.finalLoss > 0.6, `lr ${c.lr}`).toBe(true);
    expect(withBn.filter((c) => c.finalLoss < 0.3).length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...withBn.map((c) => c.finalLoss))).toBeLessThan(0.2);
    expect(withBn.every((c) => c.loss.length === 15)).toBe(true);
    expect(batchNormWorkbench(0.3, true).spec.layers.filter((l) => l.type === 'batchnorm').length).toBe(8);
  });
});

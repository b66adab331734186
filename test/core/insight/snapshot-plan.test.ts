import { describe, expect, it } from 'vitest';
import { DEFAULT_SNAPSHOT_BUDGET, planSnapshots, shouldSnapshot } from '../../../src-core/insight/index';

describe('planSnapshots', () => {
  it('keeps within the budget, epoch 1 and the last always, denser early than late', () => {
    const plan = planSnapshots({ epochs: 1000, bytesPerSnapshot: 100_000 }); // 4 MiB: 41 snapshots
    expect(plan.length).toBe(Math.floor(DEFAULT_SNAPSHOT_BUDGET / 100_000));
    expect(plan.length * 100_000).toBeLessThanOrEqual(DEFAULT_SNAPSHOT_BUDGET);
    expect(plan[0]).toBe(1);
    expect(plan[plan.length - 1]).toBe(1000);
    for (let i = 1; i < plan.length; i++) expect(plan[i]).toBeGreaterThan(plan[i - 1]!);
    const inFirstTenth = plan.filter((e) => e <= 100).length;
    const inLastTenth = plan.filter((e) => e > 900).length;
    expect(inFirstTenth).toBeGreaterThan(5 * inLastTenth);
    expect(Array.from(plan.slice(0, 5))).toEqual([1, 2, 3, 4, 5]);
  });

  it('takes every epoch when all fit, only the last when one fits, none when none does', () => {
    expect(Array.from(planSnapshots({ epochs: 5, bytesPerSnapshot: 10, budget: 1000 }))).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(planSnapshots({ epochs: 50, bytesPerSnapshot: 10, budget: 15 }))).toEqual([50]);
    expect(planSnapshots({ epochs: 50, bytesPerSnapshot: 10, budget: 5 })).toHaveLength(0);
    expect(Array.from(planSnapshots({ epochs: 10, bytesPerSnapshot: 1, budget: 9 }))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 10]);
    expect(() => planSnapshots({ epochs: 0, bytesPerSnapshot: 1 })).toThrow('epochs must be a positive integer');
  });

  it('snapshots a planned epoch, and the last epoch of a run that ends early', () => {
    const plan = planSnapshots({ epochs: 100, bytesPerSnapshot: 1, budget: 10 });
    expect(shouldSnapshot(plan, plan[3]!, false)).toBe(true);
    expect(shouldSnapshot(plan, 99, false)).toBe(false);
    expect(shouldSnapshot(plan, 99, true)).toBe(true);
  });
});

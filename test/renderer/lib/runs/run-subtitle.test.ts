import { describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../../src-core/contract/training';
import { runSubtitle } from '../../../../src-renderer/lib/runs/run-subtitle';
import { summary } from '../stores/run-summary-fixture';

describe('runSubtitle', () => {
  const run = summary('a', '2026-01-01T10:00:00Z', { epochs: 1200 });
  const detail = { ...run, train: { loss: 'bce', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32, epochs: 1200 }, seed: 7, metrics: [], spec: { input: [2], layers: [] }, hasWeights: false } as unknown as RunDetail;

  it('names the dataset and the epochs, and how the run trains once its details are read (its own only)', () => {
    expect(runSubtitle(run, null)).toBe('Two moons · 1,200 epochs');
    expect(runSubtitle(run, detail)).toMatch(/^Two moons · 1,200 epochs · Adam, lr 0\.01, batch 32, BCE loss, seed 7$/);
    expect(runSubtitle(run, { ...detail, id: 'other' })).toBe('Two moons · 1,200 epochs');
  });
});

import { describe, expect, it } from 'vitest';
import { SweepError, expandSweep, sweepSpecSchema } from '../../../src-core/sweep/index';

const base = {
  spec: { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'relu' }, { type: 'dense', units: 2 }] },
  train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32, epochs: 5 },
};

describe('expandSweep', () => {
  it('a grid: every combination, first parameter slowest, each repeated over the seeds (seeds innermost)', () => {
    const runs = expandSweep(
      { strategy: 'grid', parameters: { 'train.optimizer.lr': [0.1, 0.01], 'spec.layers.0.units': [4, 8, 16] }, seeds: [1, 2] },
      base,
    );
    expect(runs).toHaveLength(12);
    expect(runs.map((r) => [r.values['train.optimizer.lr'], r.values['spec.layers.0.units'], r.seed]).slice(0, 4)).toEqual([
      [0.1, 4, 1],
      [0.1, 4, 2],
      [0.1, 8, 1],
      [0.1, 8, 2],
    ]);
    expect(runs[3]!.config.spec.layers[0]).toEqual({ type: 'dense', units: 8 });
    expect(runs[3]!.config.train).toEqual({ ...base.train, optimizer: { type: 'adam', lr: 0.1 }, seed: 2 });
    expect(runs[3]!.point).toBe(1);
    expect(runs[3]!.label).toBe('lr=0.1 units=8 seed=2');
    expect(base.train).not.toHaveProperty('seed'); // the base is not modified
  });

  it('a grid range: log-spaced steps with both ends', () => {
    const runs = expandSweep({ strategy: 'grid', parameters: { 'train.optimizer.lr': { min: 0.001, max: 0.1, scale: 'log', steps: 3 } } }, base);
    expect(runs.map((r) => r.values['train.optimizer.lr'])).toEqual([0.001, expect.closeTo(0.01, 12), expect.closeTo(0.1, 12)]);
    expect(runs.map((r) => r.seed)).toEqual([0, 0, 0]);
  });

  it('a random search: the same draws for the same seed, within the ranges', () => {
    const spec = sweepSpecSchema.parse({
      strategy: 'random',
      samples: 20,
      seed: 5,
      parameters: { 'train.optimizer.lr': { min: 1e-4, max: 1e-1, scale: 'log' }, 'train.batchSize': [16, 32, 64], 'spec.layers.0.units': { min: 4, max: 64, integer: true } },
    });
    const a = expandSweep(spec, base);
    expect(expandSweep(spec, base)).toEqual(a);
    for (const run of a) {
      expect(run.config.train.optimizer.lr).toBeGreaterThanOrEqual(1e-4);
      expect(run.config.train.optimizer.lr).toBeLessThanOrEqual(1e-1);
      expect([16, 32, 64]).toContain(run.config.train.batchSize);
      expect(Number.isInteger(run.config.spec.layers[0]!.units)).toBe(true);
    }
    expect(new Set(a.map((r) => r.values['train.optimizer.lr'])).size).toBe(20);
    expect(expandSweep({ ...spec, seed: 6 }, base)).not.toEqual(a);
  });

  it('names the parameter when the base has nothing at its path, and refuses a grid range without steps', () => {
    expect(() => expandSweep({ strategy: 'grid', parameters: { 'spec.layers.7.units': [1] } }, base)).toThrow(
      expect.objectContaining({ field: 'parameters.spec.layers.7.units' }) as unknown as Error,
    );
    expect(() => expandSweep({ strategy: 'grid', parameters: { 'train.nothing.lr': [1] } }, base)).toThrow(/nothing at train.nothing/);
    expect(() => expandSweep({ strategy: 'grid', parameters: { 'train.optimizer.lr': { min: 0.1, max: 1 } } }, base)).toThrow(SweepError);
    expect(() => expandSweep({ strategy: 'random', parameters: { 'train.batchSize': [8] } }, base)).toThrow(/samples/);
  });

  it('refuses a sweep that would expand past the limit', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(() => expandSweep({ strategy: 'grid', parameters: { 'train.batchSize': values, 'train.epochs': values } }, base)).toThrow(/10000 runs/);
  });

  it('validates the config shape: a dot path, a range with max ≥ min, a log scale above 0', () => {
    expect(sweepSpecSchema.safeParse({ strategy: 'grid', parameters: { 'not a path': [1] } }).success).toBe(false);
    expect(sweepSpecSchema.safeParse({ strategy: 'grid', parameters: { 'train.lr': { min: 2, max: 1 } } }).success).toBe(false);
    expect(sweepSpecSchema.safeParse({ strategy: 'grid', parameters: { 'train.lr': { min: 0, max: 1, scale: 'log' } } }).success).toBe(false);
  });
});

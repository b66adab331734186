import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { TrainConfig } from '../../../src-core/contract/run-config';
import { parseSettingValue, sweepFromForm, tunableSettings, type SweepFormParameter } from '../../../src-core/sweep/sweep-form';

const spec: ModelSpec = { input: [2], layers: [{ type: 'dense', units: 16 }, { type: 'relu' }, { type: 'dropout', rate: 0.1 }, { type: 'dense', units: 2 }] };
const train: TrainConfig = { loss: 'cross_entropy', optimizer: { type: 'sgd', lr: 0.05, momentum: 0.9 }, batchSize: 32, epochs: 10 };
const base = { spec, train };
const lr = (extra: Partial<SweepFormParameter> = {}): SweepFormParameter => ({ path: 'train.optimizer.lr', mode: 'list', values: '0.001, 0.01 0.1', min: '', max: '', steps: '', log: false, integer: false, ...extra });

describe('the sweep form', () => {
  it('lists the settings worth varying with their values now', () => {
    const settings = tunableSettings(base);
    expect(settings.map((s) => s.path)).toEqual([
      'train.optimizer.lr',
      'train.batchSize',
      'train.epochs',
      'train.optimizer.weight_decay',
      'train.optimizer.momentum',
      'train.l2',
      'train.l1',
      'spec.layers.0.units',
      'spec.layers.2.rate',
      'spec.layers.3.units',
    ]);
    expect(settings[0]).toMatchObject({ label: 'Learning rate', value: 0.05, log: true, integer: false });
    expect(settings[7]).toMatchObject({ label: 'Layer 1 (dense) units', value: 16, integer: true });
    expect(tunableSettings({ spec, train: { ...train, optimizer: { type: 'adam' } } }).some((s) => s.path.endsWith('momentum'))).toBe(false);
  });

  it('a grid of a list and a log range, over 2 seeds: the sweep spec and its size before it starts', () => {
    const form = {
      strategy: 'grid' as const,
      parameters: [lr(), { ...lr(), path: 'spec.layers.0.units', mode: 'range' as const, min: '4', max: '64', steps: '3', log: true, integer: true }],
      samples: '',
      seeds: [1, 2],
    };
    const result = sweepFromForm(form, base);
    expect(result).toEqual({
      spec: { strategy: 'grid', parameters: { 'train.optimizer.lr': [0.001, 0.01, 0.1], 'spec.layers.0.units': { min: 4, max: 64, steps: 3, scale: 'log', integer: true } }, seeds: [1, 2] },
      points: 9,
      runs: 18,
    });
  });

  it('a random search draws its points; ranges need no steps there', () => {
    const form = { strategy: 'random' as const, parameters: [lr({ mode: 'range', min: '1e-4', max: '1e-1', log: true })], samples: '5', seeds: [3] };
    expect(sweepFromForm(form, base)).toMatchObject({ points: 5, runs: 5 });
  });

  it('names the field of each problem', () => {
    const problem = (form: Parameters<typeof sweepFromForm>[0]) => ('problem' in sweepFromForm(form, base) ? (sweepFromForm(form, base) as { problem: unknown }).problem : null);
    const grid = (parameters: SweepFormParameter[], seeds = [0]) => ({ strategy: 'grid' as const, parameters, samples: '', seeds });
    expect(problem(grid([]))).toEqual({ field: 'parameters', message: 'Choose at least one setting to vary' });
    expect(problem(grid([lr({ values: '0.1, fast' })]))).toEqual({ field: 'parameters.0.values', message: 'Values: "fast" is not a number' });
    expect(problem(grid([lr({ values: ' ' })]))).toMatchObject({ field: 'parameters.0.values' });
    expect(problem(grid([lr(), { ...lr(), path: 'train.batchSize', values: '8, 12.5', integer: true }]))).toEqual({ field: 'parameters.1.values', message: 'Values: 12.5 is not a whole number' });
    expect(problem(grid([lr({ mode: 'range', min: '0.1', max: '0.01', steps: '3' })]))).toEqual({ field: 'parameters.0.max', message: 'To must be at least From (0.1)' });
    expect(problem(grid([lr({ mode: 'range', min: '0', max: '1', steps: '3', log: true })]))).toEqual({ field: 'parameters.0.min', message: 'A log scale needs From > 0' });
    expect(problem(grid([lr({ mode: 'range', min: '0.01', max: '1' })]))).toMatchObject({ field: 'parameters.0.steps' });
    expect(problem(grid([lr(), lr()]))).toEqual({ field: 'parameters.1.path', message: 'This setting is already varied above' });
    expect(problem({ strategy: 'random', parameters: [lr()], samples: 'x', seeds: [0] })).toMatchObject({ field: 'samples' });
    expect(problem(grid([{ ...lr(), path: 'spec.layers.9.units', values: '4' }]))).toEqual({ field: 'parameters.0', message: 'spec.layers.9.units: the base config has nothing at spec.layers.9' });
    expect(problem(grid([lr({ values: Array.from({ length: 100 }, (_, i) => i + 1).join(',') })], Array.from({ length: 11 }, (_, i) => i)))).toMatchObject({ field: 'parameters', message: expect.stringContaining('1100 runs') });
  });
});

describe("a fork's value", () => {
  const [rate, batch] = tunableSettings(base);
  it('reads a number, whole where the setting is, and not the value it has', () => {
    expect(parseSettingValue(' 0.1 ', rate!)).toEqual({ value: 0.1 });
    expect(parseSettingValue('1e-3', rate!)).toEqual({ value: 0.001 });
    expect(parseSettingValue('fast', rate!)).toEqual({ problem: { field: 'value', message: 'Learning rate: "fast" is not a number' } });
    expect(parseSettingValue('12.5', batch!)).toEqual({ problem: { field: 'value', message: 'Batch size: 12.5 is not a whole number' } });
    expect(parseSettingValue('0.05', rate!)).toEqual({ problem: { field: 'value', message: 'Learning rate is 0.05 already: give another value' } });
  });
});

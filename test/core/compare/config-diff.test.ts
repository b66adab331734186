import { describe, expect, it } from 'vitest';
import { diffConfigs, formatConfigValue, runConfigForDiff } from '../../../src-core/compare/config-diff';
import { makeRun, spec, train } from './run-fixtures';

describe('diffConfigs', () => {
  it('lists only the settings that differ, with every config’s value', () => {
    const configs = [
      { train: { optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32 } },
      { train: { optimizer: { type: 'adam', lr: 0.1 }, batchSize: 32 } },
      { train: { optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32 } },
    ];
    expect(diffConfigs(configs)).toEqual([{ path: 'train.optimizer.lr', values: [0.01, 0.1, 0.01] }]);
  });

  it('compares layers element by element and shows an extra layer against undefined', () => {
    const a = { spec: { input: [2], layers: [{ type: 'dense', units: 16 }, { type: 'relu' }, { type: 'dense', units: 2 }] } };
    const b = {
      spec: {
        input: [2],
        layers: [{ type: 'dense', units: 16 }, { type: 'relu' }, { type: 'dense', units: 8 }, { type: 'dense', units: 2 }],
      },
    };
    expect(diffConfigs([a, b])).toEqual([
      { path: 'spec.layers[2].units', values: [2, 8] },
      { path: 'spec.layers[3].type', values: [undefined, 'dense'] },
      { path: 'spec.layers[3].units', values: [undefined, 2] },
    ]);
  });

  it('shows a key missing from some configs as undefined', () => {
    const diff = diffConfigs([{ train: { l2: 1e-4 } }, { train: {} }, { train: { l2: 1e-4 } }]);
    expect(diff).toEqual([{ path: 'train.l2', values: [1e-4, undefined, 1e-4] }]);
    expect(diff[0]!.values.map(formatConfigValue)).toEqual(['0.0001', '—', '0.0001']);
  });

  it('lists whole values where the kinds disagree at a path', () => {
    expect(diffConfigs([{ x: 1 }, { x: { y: 1 } }])).toEqual([{ path: 'x', values: [1, { y: 1 }] }]);
    expect(diffConfigs([{ x: [1] }, { x: { 0: 1 } }])).toEqual([{ path: 'x', values: [[1], { 0: 1 }] }]);
  });

  it('quotes keys that are not identifiers and treats NaN as equal to NaN', () => {
    expect(diffConfigs([{ 'a b': 1, n: NaN }, { 'a b': 2, n: NaN }])).toEqual([{ path: '["a b"]', values: [1, 2] }]);
  });

  it('finds nothing to list for identical configs, one config or none', () => {
    expect(diffConfigs([{ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }])).toEqual([]);
    expect(diffConfigs([{ a: 1 }])).toEqual([]);
    expect(diffConfigs([])).toEqual([]);
  });

  it('diffs stored runs: seed, learning rate and a layer width', () => {
    const a = makeRun({ id: 'a', seed: 1 });
    const b = makeRun({
      id: 'b',
      seed: 2,
      train: { ...train, optimizer: { type: 'adam', lr: 0.001 } },
      spec: { ...spec, layers: [{ type: 'dense', units: 32 }, ...spec.layers.slice(1)] },
    });
    expect(diffConfigs([a, b].map(runConfigForDiff))).toEqual([
      { path: 'seed', values: [1, 2] },
      { path: 'spec.layers[0].units', values: [16, 32] },
      { path: 'train.optimizer.lr', values: [0.01, 0.001] },
    ]);
  });
});

describe('formatConfigValue', () => {
  it('writes strings bare, objects as stable JSON and a missing value as an em dash', () => {
    expect(formatConfigValue('adam')).toBe('adam');
    expect(formatConfigValue({ type: 'step', stepSize: 10 })).toBe('{"stepSize":10,"type":"step"}');
    expect(formatConfigValue(undefined)).toBe('—');
    expect(formatConfigValue(NaN)).toBe('NaN');
    expect(formatConfigValue(false)).toBe('false');
  });
});

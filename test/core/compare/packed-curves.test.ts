import { describe, expect, it } from 'vitest';
import { alignByEpoch } from '../../../src-core/compare/align-by-epoch';
import { packBands, packCurve, unpackBands, unpackCurve } from '../../../src-core/compare/packed-curves';
import { bandsForGroup } from '../../../src-core/compare/seed-groups';
import { epochs, makeRun } from './run-fixtures';

describe('packed curves and bands', () => {
  const runs = [makeRun({ id: 'a', metrics: epochs([1, 0.5, 0.25]) }), makeRun({ id: 'b', metrics: epochs([0.9, 0.1 + 1e-15]) })];

  it('packs a curve into typed arrays (NaN where a run has no value) and back exactly', () => {
    const curve = alignByEpoch(runs, 'loss');
    const packed = packCurve(curve);
    expect(packed.epochs).toEqual({ dtype: 'int32', shape: [3], data: Int32Array.from([1, 2, 3]) });
    expect(Array.from(packed.series[1]!.values.data)).toEqual([0.9, 0.1 + 1e-15, NaN]);
    expect(unpackCurve(packed)).toEqual(curve);
  });

  it('packs bands a column per field and back exactly', () => {
    const bands = bandsForGroup({ runs }, 'loss');
    const packed = packBands(bands);
    expect(Array.from(packed.n.data)).toEqual([2, 2, 1]);
    expect(packed.mean.dtype).toBe('float64');
    expect(unpackBands(packed)).toEqual(bands);
  });

  it('is far smaller than the same points as JSON objects once the arrays go as bytes', () => {
    const many = Array.from({ length: 20 }, (_, r) => makeRun({ id: `r${r}`, metrics: epochs(Array.from({ length: 1000 }, (_, e) => Math.exp(-e / 100) + r / 1e3 + e / 7e5)) }));
    const bands = bandsForGroup({ runs: many }, 'loss');
    const json = JSON.stringify(bands).length;
    const packed = packBands(bands);
    const bytes = [packed.epochs, packed.n, packed.mean, packed.std, packed.min, packed.max].reduce((sum, t) => sum + t.data.byteLength, 0);
    expect(bytes).toBeLessThan(json / 2);
  });
});

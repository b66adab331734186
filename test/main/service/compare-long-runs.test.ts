import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unpackBands, unpackCurve } from '../../../src-core/compare/packed-curves';
import { compareRuns } from '../../../src-main/service/compare-runs';
import { openStore } from '../../../src-main/store/lab-store';
import { storeLongRun } from '../../support/long-run';
import { useTempDir } from '../../support/temp-dir';

const temp = useTempDir('nn-lab-compare-long-');

describe('runs.compare over long runs', () => {
  it('sends curves and bands thinned for drawing, while the table and verdict stay exact over every epoch', () => {
    const store = openStore(join(temp.dir, 'lab.db'));
    try {
      const a = storeLongRun(store, { id: 'a', name: 'long a', epochs: 50_000, seed: 1, lr: 0.01, dipEpoch: 31_337 });
      const b = storeLongRun(store, { id: 'b', name: 'long b', epochs: 30_000, planned: 50_000, seed: 2, lr: 0.01 });
      const c = storeLongRun(store, { id: 'c', name: 'long c', epochs: 40_000, planned: 50_000, seed: 1, lr: 0.05 });
      const comparison = compareRuns(store, { ids: ['a', 'b', 'c'] });

      expect(comparison.metric).toBe('valLoss');
      for (const [id, metrics] of [['a', a], ['b', b], ['c', c]] as const) {
        const row = comparison.table.find((r) => r.runId === id && r.metric === 'valLoss')!;
        const best = metrics.reduce((m, e) => (e.valLoss! < m.valLoss! ? e : m));
        expect(row.final).toEqual({ epoch: metrics.length, value: metrics.at(-1)!.valLoss });
        expect(row.best).toEqual({ epoch: best.epoch, value: best.valLoss });
      }
      expect(comparison.table.find((r) => r.runId === 'a' && r.metric === 'valLoss')!.best?.epoch).toBe(31_337);
      expect(comparison.verdict).toBeDefined();

      const loss = unpackCurve(comparison.curves.find((c) => c.metric === 'valLoss')!);
      expect(loss.epochs.length).toBeLessThanOrEqual(2000);
      expect(loss.epochs.at(-1)).toBe(50_000);
      expect(loss.epochs).toContain(31_337); // the dip is drawn
      loss.epochs.forEach((epoch, k) => expect(loss.series[0]!.values[k]).toBe(a[epoch - 1]!.valLoss));
      // Wall time at every epoch any drawn curve kept, so a curve by wall time has each of its points.
      const elapsed = new Set(unpackCurve(comparison.curves.find((c) => c.metric === 'elapsed')!).epochs);
      for (const curve of comparison.curves) expect(unpackCurve(curve).epochs.every((e) => elapsed.has(e))).toBe(true);

      const [seeds, single] = comparison.groups;
      expect(seeds!.runIds).toEqual(['a', 'b']);
      const band = unpackBands(seeds!.bands.find((x) => x.metric === 'valLoss')!);
      expect(band.points.length).toBeLessThanOrEqual(2000);
      expect(band.points.every((p) => p.n === (p.epoch <= 30_000 ? 2 : 1))).toBe(true);
      expect(band.points.at(-1)).toMatchObject({ epoch: 50_000, n: 1 });
      expect(single!.bands).toEqual([]); // a single run is drawn as its curve
    } finally {
      store.close();
    }
  });
});

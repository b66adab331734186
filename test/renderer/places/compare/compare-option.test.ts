import { describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../../src-core/contract/training';
import { compareRuns } from '../../../../src-main/service/compare-runs';
import type { LabStore } from '../../../../src-main/store/lab-store';
import { buildCompareOption, compareLines } from '../../../../src-renderer/places/compare/compare-option';
import { lightPalette } from '../../../../src-renderer/shared/charts/chart-palette';
import { chartSvg } from '../../../../src-renderer/shared/charts/svg-export';
import { epochs, makeRun, train } from '../../../core/compare/run-fixtures';

/** The store's reads that runs.compare makes, over runs in memory. */
function storeOf(runs: RunDetail[]): LabStore {
  const find = (id: string) => runs.find((r) => r.id === id)!;
  return { getRunDetail: find, pageMetrics: (id: string) => ({ metrics: (find(id) as RunDetail & { metrics: unknown[] }).metrics }), listSweeps: () => [] } as unknown as LabStore;
}

/** Two Adam runs (seeds 1, 2) and one SGD run, compared as runs.compare answers. */
function comparison() {
  const runs: RunDetail[] = [
    makeRun({ id: 'a1', name: 'adam 1', seed: 1, metrics: epochs([1, 0.5, 0.3], { valAccuracy: [0.5, 0.7, 0.8] }) }),
    makeRun({ id: 'a2', name: 'adam 2', seed: 2, metrics: epochs([1.2, 0.6, 0.4], { valAccuracy: [0.5, 0.8, 0.7] }) }),
    makeRun({ id: 's1', name: 'sgd <1>', seed: 1, train: { ...train, optimizer: { type: 'sgd', lr: 0.1 } }, metrics: epochs([1, 0.9, 0.8], { valAccuracy: [0.4, 0.5, 0.6] }) }),
  ];
  return compareRuns(storeOf(runs), { ids: ['a1', 'a2', 's1'], metric: 'valAccuracy' });
}

const settings = { metric: 'valAccuracy' as const, x: 'epoch' as const, band: 'std' as const, log: false, smoothing: 0, title: 'Validation accuracy by epoch', fileName: 'x' };

describe('buildCompareOption', () => {
  it('draws the seed group as a mean with a ± std band and the single run as its curve, each with its best epoch', () => {
    const c = comparison();
    const lines = compareLines(c, 'valAccuracy');
    expect(lines).toHaveLength(2);
    const group = lines.find((l) => l.band)!;
    expect(group.name).toMatch(/\(n=2\)$/);
    expect(group.values[1]).toBeCloseTo(0.75, 12);
    expect(group.band!.high[1]! - group.band!.low[1]!).toBeGreaterThan(0);
    expect(group.best).toEqual({ x: 2, value: 0.75 }); // the first of a tie
    const single = lines.find((l) => !l.band)!;
    expect(single.best).toEqual({ x: 3, value: 0.6 });

    const option = buildCompareOption(c, lightPalette, settings);
    const series = option.series as { name: string; type: string; areaStyle?: unknown }[];
    expect(series.filter((s) => s.areaStyle)).toHaveLength(1);
    expect(series.filter((s) => s.type === 'scatter')).toHaveLength(2);
    expect((option.legend as { data: string[] }).data).toEqual(lines.map((l) => l.name));
    // The legend takes a name's colour from its first series (the band's lower edge): every part of a line shares it.
    for (const line of lines) expect(new Set(series.filter((s) => s.name === line.name).map((s) => (s as { color?: string }).color)).size).toBe(1);
  });

  it('adds the raw curve faint behind when smoothing, and a log axis drops values ≤ 0', () => {
    const c = comparison();
    const raw = (buildCompareOption(c, lightPalette, settings).series as unknown[]).length;
    const smoothed = buildCompareOption(c, lightPalette, { ...settings, smoothing: 0.6, log: true });
    expect((smoothed.series as unknown[]).length).toBe(raw + 2);
    expect((smoothed.yAxis as { type: string }).type).toBe('log');
  });
});

describe('curves by wall time, min–max bands, n per epoch, the learning rate', () => {
  /** Adam seeds 1 and 2 (2 s and 4 s an epoch; seed 2 stopped after 2 epochs) and SGD (1 s an epoch). */
  function timed() {
    const runs: RunDetail[] = [
      makeRun({ id: 'a1', name: 'adam 1', seed: 1, metrics: epochs([1, 0.5, 0.3], { seconds: [2, 2, 2] }) }),
      makeRun({ id: 'a2', name: 'adam 2', seed: 2, metrics: epochs([1.2, 0.6], { seconds: [4, 4] }) }),
      makeRun({ id: 's1', name: 'sgd', seed: 1, train: { ...train, optimizer: { type: 'sgd', lr: 0.1 } }, metrics: epochs([1, 0.9, 0.8]) }),
    ];
    return compareRuns(storeOf(runs), { ids: ['a1', 'a2', 's1'], metric: 'loss' });
  }

  it('puts a run at its own seconds of training and a group at its mean, epoch by epoch', () => {
    const [group, single] = compareLines(timed(), 'loss', 'time');
    expect(group!.xs).toEqual([3, 6, 6]); // epoch 3: only seed 1 is left, at 6 s
    expect(single!.xs).toEqual([1, 2, 3]);
    expect(single!.best).toEqual({ x: 3, value: 0.8 });
    const option = buildCompareOption(timed(), lightPalette, { ...settings, metric: 'loss', x: 'time' });
    expect((option.xAxis as { name: string }).name).toBe('Seconds of training');
  });

  it('draws the min–max band on request, and says n per epoch when the runs have different lengths', () => {
    const [group] = compareLines(timed(), 'loss', 'epoch', 'minmax');
    expect(group!.band).toEqual({ low: [1, 0.5, 0.3], high: [1.2, 0.6, 0.3] });
    expect(group!.n).toEqual([2, 2, 1]);
    const mean = (buildCompareOption(timed(), lightPalette, { ...settings, metric: 'loss' }).series as { id?: string; data: unknown[][] }[]).find((s) => s.id === 'line-0')!;
    expect(mean.data.map((d) => d[2])).toEqual([2, 2, 1]);
    expect(compareLines(comparison(), 'valAccuracy')[0]!.n).toBeUndefined();
  });

  it('puts a long run’s thinned curve at each kept epoch’s own seconds (wall time is looked up by epoch)', () => {
    const n = 12_000;
    const loss = Array.from({ length: n }, (_, i) => 1 / (1 + i) + (i % 7) * 1e-6);
    const seconds = Array.from({ length: n }, (_, i) => (i < 6000 ? 1 : 3));
    const c = compareRuns(storeOf([makeRun({ id: 'l', name: 'long', seed: 1, metrics: epochs(loss, { valLoss: loss.map((v, i) => v + (i % 5) * 1e-3), seconds }) })]), { ids: ['l'], metric: 'loss' });
    const [line] = compareLines(c, 'loss', 'time');
    const byEpoch = compareLines(c, 'loss', 'epoch')[0]!.xs;
    expect(byEpoch.length).toBeLessThan(n);
    const elapsed = (epoch: number): number => (epoch <= 6000 ? epoch : 6000 + 3 * (epoch - 6000));
    expect(line!.xs).toEqual(byEpoch.map((epoch) => elapsed(epoch!)));
    const best = c.table.find((r) => r.metric === 'loss')!.best!;
    expect(line!.best).toEqual({ x: elapsed(best.epoch), value: best.value });
  });

  it('compares the learning rate as a curve, with no best point', () => {
    const c = timed();
    expect(c.curves.map((curve) => curve.metric)).toEqual(['loss', 'lr', 'elapsed']);
    const lines = compareLines(c, 'lr');
    expect(lines[1]!.values).toEqual([0.01, 0.01, 0.01]);
    expect(lines.every((l) => l.best === undefined)).toBe(true);
  });
});

describe('chartSvg', () => {
  it('renders the chart as a valid SVG document with its title and series names', async () => {
    const { DOMParser } = await import('@xmldom/xmldom');
    const c = comparison();
    const svg = chartSvg(buildCompareOption(c, lightPalette, settings), 800, 400, '#ffffff');
    const errors: string[] = [];
    const doc = new DOMParser({ errorHandler: { error: (m: string) => errors.push(m), fatalError: (m: string) => errors.push(m) } }).parseFromString(svg, 'image/svg+xml');
    expect(errors).toEqual([]);
    expect(doc.documentElement?.nodeName).toBe('svg');
    const text = Array.from(doc.getElementsByTagName('text')).map((t) => t.textContent).join('|');
    expect(text).toContain('Validation accuracy by epoch');
    for (const line of compareLines(c, 'valAccuracy')) expect(text).toContain(line.name);
  });
});

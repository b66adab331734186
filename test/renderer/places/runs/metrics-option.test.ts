import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../../../../src-core/contract/training';
import { darkPalette, lightPalette } from '../../../../src-renderer/shared/charts/chart-palette';
import { RunSeriesCache } from '../../../../src-renderer/places/runs/run-series.svelte';
import { buildMetricsOption, epochAxisMax, formatMetric, MAX_DRAWN_POINTS, metricPoints } from '../../../../src-renderer/places/runs/metrics-option';

const epoch = (n: number, extra: Partial<EpochMetrics> = {}): EpochMetrics => ({
  epoch: n,
  loss: 1 / n,
  accuracy: 0.5 + n / 100,
  lr: 0.01,
  seconds: 0.1,
  ...extra,
});

interface LineSeries {
  id: string;
  name: string;
  yAxisIndex: number;
  data: Array<[number, number]>;
  color: string;
}
const seriesOf = (option: ReturnType<typeof buildMetricsOption>) => option.series as unknown as LineSeries[];

describe('buildMetricsOption', () => {
  it('plots loss on the left axis and accuracy on the right, one point per epoch', () => {
    const option = buildMetricsOption([epoch(1), epoch(2), epoch(3)], lightPalette);
    const [loss, accuracy] = seriesOf(option);
    expect(loss).toMatchObject({ name: 'Loss', yAxisIndex: 0, data: [[1, 1], [2, 0.5], [3, 1 / 3]] });
    expect(accuracy).toMatchObject({ name: 'Accuracy', yAxisIndex: 1, data: [[1, 0.51], [2, 0.52], [3, 0.53]] });
  });

  it('draws a long run with at most MAX_DRAWN_POINTS a curve, its first and last epochs and its worst loss kept', () => {
    const metrics = Array.from({ length: 50_000 }, (_, i) => epoch(i + 1));
    metrics[12_345] = epoch(12_346, { loss: 7 });
    const [loss, accuracy] = seriesOf(buildMetricsOption(metrics, lightPalette));
    for (const s of [loss!, accuracy!]) {
      expect(s.data.length).toBeLessThanOrEqual(MAX_DRAWN_POINTS);
      expect(s.data[0]![0]).toBe(1);
      expect(s.data.at(-1)![0]).toBe(50_000);
    }
    expect(loss!.data).toContainEqual([12_346, 7]);
  });

  it('draws a live run from its curve kept up to date: a short one exactly as from its epochs, a long one thinned', () => {
    const cache = new RunSeriesCache();
    const short = Array.from({ length: 300 }, (_, i) => epoch(i + 1, i > 10 ? { valLoss: 2 / (i + 1) } : {}));
    for (let i = 0; i < short.length; i += 9) cache.append('s', short.slice(i, i + 9));
    const live = cache.curveOf('s');
    expect(buildMetricsOption(live.metrics, lightPalette, { live, active: true }).series).toEqual(
      buildMetricsOption(short, lightPalette, { active: true }).series,
    );
    const long = Array.from({ length: 50_000 }, (_, i) => epoch(i + 1, { accuracy: undefined }));
    long[12_345] = epoch(12_346, { loss: 7, accuracy: undefined });
    for (let i = 0; i < long.length; i += 1000) cache.append('l', long.slice(i, i + 1000));
    const curve = cache.curveOf('l');
    const series = seriesOf(buildMetricsOption(curve.metrics, lightPalette, { live: curve, active: true }));
    expect(series.map((s) => s.name)).toEqual(['Loss']);
    expect(series[0]!.data.length).toBeLessThanOrEqual(MAX_DRAWN_POINTS);
    expect(series[0]!.data[0]).toEqual([1, 1]);
    expect(series[0]!.data.at(-1)).toEqual([50_000, 1 / 50_000]);
    expect(series[0]!.data).toContainEqual([12_346, 7]);
  });

  it('names the axes Epoch, Loss and Accuracy, with accuracy fixed to 0..1', () => {
    const option = buildMetricsOption([epoch(1)], lightPalette);
    expect(option.xAxis).toMatchObject({ name: 'Epoch' });
    const yAxes = option.yAxis as Array<{ name: string; min?: number; max?: number }>;
    expect(yAxes.map((a) => a.name)).toEqual(['Loss', 'Accuracy']);
    expect(yAxes[1]).toMatchObject({ min: 0, max: 1 });
  });

  it('adds validation curves only when the run reports them', () => {
    expect(seriesOf(buildMetricsOption([epoch(1)], lightPalette)).map((s) => s.name)).toEqual(['Loss', 'Accuracy']);
    const withValidation = buildMetricsOption([epoch(1, { valLoss: 0.9, valAccuracy: 0.4 })], lightPalette);
    const names = seriesOf(withValidation).map((s) => s.name);
    expect(names).toEqual(['Loss', 'Accuracy', 'Validation loss', 'Validation accuracy']);
    expect(seriesOf(withValidation)[2]!.data).toEqual([[1, 0.9]]);
  });

  it('lists accuracy before the first epoch of a classification run, so the legend does not jump', () => {
    const option = buildMetricsOption([], lightPalette, { accuracy: true });
    expect(seriesOf(option).map((s) => s.name)).toEqual(['Loss', 'Accuracy']);
  });

  it('draws only loss, on one y axis, for a run without accuracy (regression)', () => {
    const regression = [epoch(1, { accuracy: undefined }), epoch(2, { accuracy: undefined })];
    const option = buildMetricsOption(regression, lightPalette, { accuracy: false });
    expect(seriesOf(option).map((s) => s.name)).toEqual(['Loss']);
    expect((option.yAxis as Array<{ name: string }>).map((a) => a.name)).toEqual(['Loss']);
  });

  it('shows the empty-state text with no epochs and hides it once one arrives', () => {
    const empty = buildMetricsOption([], lightPalette, { emptyText: 'Press Train' });
    expect(empty.title).toMatchObject({ show: true, text: 'Press Train' });
    // A box of the chart's background behind the words: the empty axes' labels do not show through them.
    expect(empty.title).toMatchObject({ backgroundColor: lightPalette.background });
    expect(seriesOf(empty).every((s) => s.data.length === 0)).toBe(true);
    expect(buildMetricsOption([epoch(1)], lightPalette).title).toMatchObject({ show: false });
  });

  it('keeps the x axis at the planned epochs so a streaming run does not rescale it', () => {
    const option = buildMetricsOption([epoch(1)], lightPalette, { plannedEpochs: 200, active: true });
    expect(option.xAxis).toMatchObject({ min: 1, max: 200 });
    // A finished run (stopped early, here) fills the width.
    expect(buildMetricsOption([epoch(1), epoch(5)], lightPalette, { plannedEpochs: 200 }).xAxis).toMatchObject({ max: 5 });
  });

  it('turns animation off for streaming and offers Save as PNG under the given name', () => {
    const option = buildMetricsOption([epoch(1)], lightPalette, { fileName: 'nn-lab-run-7' });
    expect(option.animation).toBe(false);
    expect(option.toolbox).toMatchObject({ feature: { saveAsImage: { name: 'nn-lab-run-7', title: 'Save as PNG' } } });
  });

  it('colours the curves from the palette of the colour scheme', () => {
    const dark = seriesOf(buildMetricsOption([epoch(1)], darkPalette));
    expect(dark[0]!.color).toBe(darkPalette.loss);
    expect(dark[1]!.color).toBe(darkPalette.accuracy);
    expect(darkPalette.loss).not.toBe(lightPalette.loss);
  });
});

describe('epochAxisMax', () => {
  it('uses the planned length of a short training run, before and during it', () => {
    expect(epochAxisMax(0, 200, true)).toBe(200);
    expect(epochAxisMax(150, 200, true)).toBe(200);
  });

  it('gives a long training run room to double into instead of a sliver of the plan', () => {
    expect(epochAxisMax(10, 100_000, true)).toBe(1000);
    expect(epochAxisMax(900, 100_000, true)).toBe(2048);
    expect(epochAxisMax(2000, 100_000, true)).toBe(4096);
    expect(epochAxisMax(99_000, 100_000, true)).toBe(100_000);
  });

  it('fits a finished run to the epochs it ran', () => {
    expect(epochAxisMax(467, 100_000, false)).toBe(467);
  });
});

describe('metricPoints', () => {
  it('skips epochs that did not report the metric and values that are not finite', () => {
    const metrics = [epoch(1), epoch(2, { accuracy: undefined }), epoch(3, { loss: Number.NaN })];
    expect(metricPoints(metrics, 'accuracy')).toEqual([[1, 0.51], [3, 0.53]]);
    expect(metricPoints(metrics, 'loss')).toEqual([[1, 1], [2, 0.5]]);
  });
});

describe('formatMetric', () => {
  it('shows four significant digits, and exponents for very small or large values', () => {
    expect(formatMetric(0.123456)).toBe('0.1235');
    expect(formatMetric(0.00001234)).toBe('1.23e-5');
    expect(formatMetric(0)).toBe('0');
  });
});

import { describe, expect, it } from 'vitest';
import { activationCurve, softmaxWithTemperature } from '../../../../src-core/learn/activation-functions';
import { buildActivationOption, buildSoftmaxOption, formatPeak } from '../../../../src-renderer/places/learn/activation-option';
import { lightPalette } from '../../../../src-renderer/shared/charts/chart-palette';

type Series = { name: string; data: number[][]; markArea: { data: { xAxis: number }[][] }; markPoint: { data: { coord: number[] }[]; label: { formatter: string } } };

describe('buildActivationOption', () => {
  it('draws sigmoid with its saturated tails shaded and 0.25 marked at x = 0', () => {
    const curve = activationCurve('sigmoid');
    const series = buildActivationOption(curve, lightPalette).series as Series[];
    expect(series.map((s) => s.name)).toEqual(['f(x)', 'f′(x)']);
    expect(series[0]!.data).toHaveLength(curve.x.length);
    const shaded = series[0]!.markArea.data;
    expect(shaded).toHaveLength(2);
    expect(shaded[0]![0]!.xAxis).toBe(-6);
    expect(shaded[1]![1]!.xAxis).toBe(6);
    expect(series[1]!.markPoint.data[0]!.coord).toEqual([0, 0.25]);
    expect(series[1]!.markPoint.label.formatter).toBe('max f′ = 0.25');
  });

  it('shades only the negative side for ReLU, and nothing for a leaky slope above the threshold', () => {
    const relu = buildActivationOption(activationCurve('relu'), lightPalette).series as Series[];
    expect(relu[0]!.markArea.data).toHaveLength(1);
    expect(relu[0]!.markArea.data[0]![0]!.xAxis).toBe(-6);
    const leaky = buildActivationOption(activationCurve('leaky_relu', { alpha: 0.2 }), lightPalette).series as Series[];
    expect(leaky[0]!.markArea.data).toHaveLength(0);
  });

  it('formats the peak with three significant digits', () => {
    expect(formatPeak(0.25)).toBe('0.25');
    expect(formatPeak(1.0999999)).toBe('1.1');
  });
});

describe('buildSoftmaxOption', () => {
  it('one bar per score with the probabilities, summing to 1', () => {
    const scores = [2, 1, 0.1];
    const p = softmaxWithTemperature(scores, 1);
    const option = buildSoftmaxOption(scores, p, lightPalette);
    const bars = (option.series as { data: number[] }[])[0]!.data;
    expect(bars).toHaveLength(3);
    expect(bars.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect((option.xAxis as { data: string[] }).data).toEqual(['z = 2', 'z = 1', 'z = 0.1']);
  });
});

import { describe, expect, it } from 'vitest';
import { buildClassBalanceOption } from '../../../../src-renderer/places/data/class-balance-option';
import { classColours, lightPalette } from '../../../../src-renderer/shared/charts/chart-palette';

describe('buildClassBalanceOption', () => {
  const balance = [
    { name: 'setosa', count: 50 },
    { name: 'versicolor', count: 30 },
    { name: 'virginica', count: 20 },
  ];

  it('draws one bar per class in class order, coloured as in the scatter preview', () => {
    const option = buildClassBalanceOption(balance, lightPalette);
    expect((option.yAxis as { data: string[] }).data).toEqual(['setosa', 'versicolor', 'virginica']);
    const series = (option.series as Array<{ type: string; data: Array<{ value: number; itemStyle: { color: string } }> }>)[0]!;
    expect(series.type).toBe('bar');
    expect(series.data.map((d) => d.value)).toEqual([50, 30, 20]);
    expect(series.data.map((d) => d.itemStyle.color)).toEqual(classColours.slice(0, 3));
  });

  it('labels each bar with its count and share of the rows', () => {
    const option = buildClassBalanceOption(balance, lightPalette);
    const label = (option.series as Array<{ label: { formatter: (p: { value: unknown }) => string } }>)[0]!.label;
    expect(label.formatter({ value: 30 })).toBe('30 (30%)');
    expect(buildClassBalanceOption([], lightPalette).series).toEqual([expect.objectContaining({ data: [] })]);
  });
});

import { describe, expect, it } from 'vitest';
import { classColours, lightPalette } from '../../../../src-renderer/shared/charts/chart-palette';
import { buildScatterOption } from '../../../../src-renderer/places/data/scatter-option';

interface ScatterSeries {
  name: string;
  color: string;
  data: Array<[number, number]>;
}

describe('buildScatterOption', () => {
  it('draws one coloured series per class, named after the class', () => {
    const preview = { id: 'two-moons', points: [[0, 1], [1, 0], [2, 2]] as Array<[number, number]>, labels: [0, 1, 0] };
    const series = buildScatterOption(preview, ['upper', 'lower'], lightPalette).series as unknown as ScatterSeries[];
    expect(series.map((s) => s.name)).toEqual(['upper', 'lower']);
    expect(series[0]!.data).toEqual([[0, 1], [2, 2]]);
    expect(series[1]!.data).toEqual([[1, 0]]);
    expect(series.map((s) => s.color)).toEqual(classColours.slice(0, 2));
  });

  it('names classes by number when the dataset has no class names', () => {
    const preview = { id: 'x', points: [[0, 0], [1, 1]] as Array<[number, number]>, labels: [0, 2] };
    const series = buildScatterOption(preview, undefined, lightPalette).series as unknown as ScatterSeries[];
    expect(series.map((s) => s.name)).toEqual(['Class 0', 'Class 1', 'Class 2']);
  });

  it('says why there is no preview, and hides the empty axes', () => {
    const option = buildScatterOption(null, undefined, lightPalette, 'No scatter preview\nSine has 1 feature');
    expect(option.title).toMatchObject({ show: true, text: 'No scatter preview', subtext: 'Sine has 1 feature' });
    expect(option.series).toEqual([]);
    expect(option.xAxis).toMatchObject({ show: false });
  });

  it('shows no legend of classes beside an empty plot', () => {
    const option = buildScatterOption(null, ['0', '1', '2'], lightPalette, 'No scatter preview\nDigits has 64 features');
    expect(option.legend).toMatchObject({ show: false });
  });
});

describe('buildScatterOption for a 1-D regression', () => {
  it('draws the (x, y) points as one series on x and y axes', () => {
    const preview = { id: 'sine', points: [[-3, -0.1], [0, 0.05], [1.5, 1]] as Array<[number, number]>, labels: [-0.1, 0.05, 1] };
    const option = buildScatterOption(preview, undefined, lightPalette, '', true);
    const series = option.series as unknown as ScatterSeries[];
    expect(series).toHaveLength(1);
    expect(series[0]!.data).toEqual(preview.points);
    expect(option.xAxis).toMatchObject({ name: 'x', show: true });
    expect(option.yAxis).toMatchObject({ name: 'y' });
  });

  it('sets the two lines of an empty message on their own line heights, the second below the first', () => {
    const option = buildScatterOption(null, undefined, lightPalette, 'No scatter preview\nIris has 4 features');
    const title = option.title as { textStyle: { fontSize: number; lineHeight: number }; subtextStyle: { fontSize: number; lineHeight: number }; itemGap: number };
    expect(title.textStyle.lineHeight).toBeGreaterThan(title.textStyle.fontSize);
    expect(title.subtextStyle.lineHeight).toBeGreaterThan(title.subtextStyle.fontSize);
    expect(title.itemGap).toBeGreaterThan(0);
  });
});

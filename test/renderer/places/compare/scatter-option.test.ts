import { describe, expect, it } from 'vitest';
import { parallelCoordinates, settingScatter } from '../../../../src-core/compare/parallel-coordinates';
import type { ComparisonRow } from '../../../../src-core/compare/comparison-table';
import { buildScatterOption } from '../../../../src-renderer/places/compare/scatter-option';
import { darkPalette, lightPalette } from '../../../../src-renderer/shared/charts/chart-palette';
import { chartSvg } from '../../../../src-renderer/shared/charts/svg-export';

/** The parts of the option these tests read. */
interface ScatterOption {
  xAxis: Record<string, unknown>;
  yAxis: Record<string, unknown>;
  series: { data: unknown[]; symbolSize: number }[];
}

const runs = ['a', 'b', 'c'].map((id) => ({ id, name: `run ${id}` }));
const row = (runId: string, final: number): ComparisonRow => ({
  runId,
  name: runId,
  seed: 0,
  metric: 'valAccuracy',
  final: { epoch: 5, value: final },
  best: { epoch: 5, value: final },
  epochs: 5,
  trainingSeconds: 1,
});
const diff = [
  { path: 'train.optimizer.lr', values: [0.001, 0.01, 0.1] },
  { path: 'train.optimizer.type', values: ['adam', 'sgd', 'adam'] },
];
const data = parallelCoordinates(runs, diff, [row('a', 0.8), row('b', 0.9), row('c', 0.7)], 'valAccuracy');

describe('buildScatterOption', () => {
  it('puts the setting on x (log across decades) and the metric on y, the best run as its own larger series', () => {
    const option = buildScatterOption(settingScatter(data, 0), lightPalette, 'lr', 'f') as unknown as ScatterOption;
    expect(option.xAxis).toMatchObject({ name: 'lr', type: 'log' });
    expect(option.yAxis).toMatchObject({ name: 'Final validation accuracy', type: 'value' });
    expect(option.series[0]!.data).toEqual([
      { name: 'run a', value: [0.001, 80] },
      { name: 'run c', value: [0.1, 70] },
    ]);
    expect(option.series[1]!.data).toEqual([{ name: 'run b', value: [0.01, 90] }]);
    expect(option.series[1]!.symbolSize).toBeGreaterThan(option.series[0]!.symbolSize);
  });

  it('gives a category setting a category axis with its values in order', () => {
    const option = buildScatterOption(settingScatter(data, 1), darkPalette, 'type', 'f') as unknown as ScatterOption;
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['adam', 'sgd'], name: 'type' });
  });

  it('exports as SVG with a point per run', () => {
    const svg = chartSvg(buildScatterOption(settingScatter(data, 0), lightPalette, 'lr', 'f'), 600, 400, '#fff');
    expect(svg).toContain('<svg');
    expect(svg).toContain('Final validation accuracy');
  });
});

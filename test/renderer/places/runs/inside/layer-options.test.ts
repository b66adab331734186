import { describe, expect, it } from 'vitest';
import type { TrainingDiagnostics } from '../../../../../src-core/nn/index';
import { layerSeries, ridgeline } from '../../../../../src-core/insight/index';
import { lightPalette } from '../../../../../src-renderer/shared/charts/chart-palette';
import { buildLayerSeriesOption } from '../../../../../src-renderer/places/runs/inside/layer-series-option';
import { buildLearningRateOption } from '../../../../../src-renderer/places/runs/inside/learning-rate-option';
import { buildRidgelineOption, ridgeSnapshots } from '../../../../../src-renderer/places/runs/inside/ridgeline-option';
import { imageTiles } from '../../../../../src-renderer/places/runs/inside/conv-tiles';

type Series = { name: string; data: [number, number | null][]; areaStyle?: { origin: number } };
const seriesOf = (option: unknown): Series[] => (option as { series: Series[] }).series;

const histogram = (min: number, max: number, counts: number[]) => ({ min, max, counts });

/** Three snapshots of a dense → relu → dense → sigmoid net. */
const snapshots: TrainingDiagnostics[] = [5, 10, 15].map((epoch, t) => ({
  epoch,
  layers: [
    { index: 0, type: 'dense', weightNorm: 1 + t, gradNorm: 10 ** -(t + 1), updateRatio: 1e-3, weightHistogram: histogram(-1, 1, [1, 2, 3, 4]), gradHistogram: histogram(-0.1, 0.1, [4, 0, 0, 4]) },
    { index: 1, type: 'relu', deadFraction: 0.25 * t },
    { index: 2, type: 'dense', weightNorm: 2, gradNorm: t === 1 ? 0 : 0.5, updateRatio: 2e-3, weightHistogram: histogram(-2, 2, [0, 8, 8, 0]) },
    { index: 3, type: 'sigmoid', saturatedFraction: 0.1 },
  ],
}));

describe('per-layer option builders', () => {
  it('gradient flow: one line per layer with parameters, at the snapshots’ epochs, on a log axis; 0 leaves a gap', () => {
    const option = buildLayerSeriesOption(layerSeries(snapshots), 'gradNorm', lightPalette);
    const lines = seriesOf(option);
    expect(lines.map((s) => s.name)).toEqual(['layer 0 (dense)', 'layer 2 (dense)']);
    expect(lines[0]!.data).toEqual([[5, 0.1], [10, 0.01], [15, 0.001]]);
    // A log axis cannot show 0: that snapshot is a gap, not a line to the bottom.
    expect(lines[1]!.data).toEqual([[5, 0.5], [10, null], [15, 0.5]]);
    expect((option as { yAxis: { type: string } }).yAxis.type).toBe('log');
  });

  it('activity: dead fraction of each ReLU and saturated fraction of each sigmoid, in %', () => {
    const lines = seriesOf(buildLayerSeriesOption(layerSeries(snapshots), 'activity', lightPalette));
    expect(lines.map((s) => s.name)).toEqual(['layer 1 (relu) dead', 'layer 3 (sigmoid) saturated']);
    expect(lines[0]!.data).toEqual([[5, 0], [10, 25], [15, 50]]);
    expect(lines[1]!.data.map(([, v]) => v)).toEqual([10, 10, 10]);
  });

  it('says so when there is no snapshot yet', () => {
    const option = buildLayerSeriesOption(layerSeries([]), 'updateRatio', lightPalette) as { title: { show: boolean; text: string }; series: unknown[] };
    expect(option.series).toEqual([]);
    expect(option.title).toMatchObject({ show: true, text: expect.stringContaining('every 5 epochs') });
  });

  it('ridgeline: a ridge per snapshot, oldest on top, heights scaled by the largest count of all', () => {
    const r = ridgeline(snapshots, 0)!;
    const lines = seriesOf(buildRidgelineOption(r, lightPalette, 'weights'));
    expect(lines.map((s) => s.name)).toEqual(['epoch 5', 'epoch 10', 'epoch 15']);
    expect(lines.map((s) => s.areaStyle!.origin)).toEqual([2, 1, 0]);
    // Bin centres on x; the highest bin (count 4, the peak) rises the full 1.6 rows above its baseline.
    expect(lines[2]!.data.map(([x]) => x)).toEqual([-0.75, -0.25, 0.25, 0.75]);
    expect(lines[2]!.data.map(([, y]) => y)).toEqual([0.4, 0.8, 1.2, 1.6].map((v) => expect.closeTo(v, 6)));
    const axis = (buildRidgelineOption(r, lightPalette, 'weights') as { yAxis: { axisLabel: { formatter: (v: number) => string } } }).yAxis.axisLabel;
    expect([0, 1, 2, 0.5].map(axis.formatter)).toEqual(['epoch 15', 'epoch 10', 'epoch 5', '']);
    const empty = buildRidgelineOption(undefined, lightPalette, 'gradients') as { title: { show: boolean; text: string }; series: unknown[] };
    expect(empty.series).toEqual([]);
    expect(empty.title.text).toContain('No gradient histograms yet');
  });

  it('learning rate: a step line per epoch, on a log axis once it spans more than ×10', () => {
    const flat = buildLearningRateOption([{ epoch: 1, lr: 0.1 }, { epoch: 2, lr: 0.1 }], lightPalette) as { yAxis: { type: string }; series: Series[] };
    expect(flat.yAxis.type).toBe('value');
    expect(flat.series[0]!.data).toEqual([[1, 0.1], [2, 0.1]]);
    const decayed = buildLearningRateOption([{ epoch: 1, lr: 0.1 }, { epoch: 2, lr: 0.001 }], lightPalette) as { yAxis: { type: string } };
    expect(decayed.yAxis.type).toBe('log');
  });

  it('conv tiles: one view per feature map, or per filter and input channel, in order', () => {
    const data = Float32Array.from({ length: 2 * 3 * 2 * 2 }, (_, i) => i);
    const filters = imageTiles({ shape: [2, 3, 2, 2], data });
    expect(filters.map((t) => t.name)).toEqual(['filter 0 · channel 0', 'filter 0 · channel 1', 'filter 0 · channel 2', 'filter 1 · channel 0', 'filter 1 · channel 1', 'filter 1 · channel 2']);
    expect(Array.from(filters[4]!.tile.data)).toEqual([16, 17, 18, 19]);
    const maps = imageTiles({ shape: [3, 2, 2], data: data.subarray(0, 12) });
    expect(maps.map((t) => [t.name, t.tile.shape])).toEqual([['map 0', [2, 2]], ['map 1', [2, 2]], ['map 2', [2, 2]]]);
    expect(() => imageTiles({ shape: [4], data: new Float32Array(4) })).toThrow('neither (n, h, w) nor (n, c, h, w)');
  });

  it('a long run keeps at most 16 ridges, spread evenly, the first and last epochs among them', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ epoch: 5 * (i + 1), layers: [] }));
    const picked = ridgeSnapshots(many).map((s) => s.epoch);
    expect(picked).toHaveLength(16);
    expect(picked[0]).toBe(5);
    expect(picked.at(-1)).toBe(1000);
    expect(picked).toEqual([...picked].sort((a, b) => a - b));
    expect(ridgeSnapshots(many.slice(0, 3))).toHaveLength(3);
  });
});

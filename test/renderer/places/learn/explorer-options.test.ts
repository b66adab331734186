import { describe, expect, it } from 'vitest';
import {
  approximate,
  batchCurve,
  checkGradients,
  initDepth,
  type BatchNormCell,
  type ChecklistResult,
  type LearningRateCurve,
} from '../../../../src-core/learn/index';
import { approximationBounds, buildApproximationOption } from '../../../../src-renderer/places/learn/approximation-option';
import { buildBatchOption } from '../../../../src-renderer/places/learn/batch-option';
import { buildBatchNormCurvesOption, buildBatchNormOption } from '../../../../src-renderer/places/learn/batch-norm-option';
import { buildChecklistOption } from '../../../../src-renderer/places/learn/checklist-option';
import { buildCurvesOption, formatTick, plotted } from '../../../../src-renderer/places/learn/curves-option';
import { buildGradientCheckOption, decadesAboveFloor, layerName } from '../../../../src-renderer/places/learn/gradient-check-option';
import { buildDepthHistogramOption, buildDepthSpreadOption } from '../../../../src-renderer/places/learn/init-option';
import { buildLearningRateOption, rateAxisTop } from '../../../../src-renderer/places/learn/learning-rate-option';
import { buildGapOption } from '../../../../src-renderer/places/learn/regularisation-option';
import { lightPalette } from '../../../../src-renderer/shared/charts/chart-palette';

type Series = { name: string; type: string; data: unknown[]; stack?: string; markPoint?: { data: { coord: number[] }[]; label: { formatter: string } } };
const seriesOf = (option: { series?: unknown }) => option.series as Series[];

describe('the explorers’ chart options', () => {
  it('curves: gaps for non-finite values (and for ≤ 0 on a log axis), ticks far from 1 as powers of ten', () => {
    expect([plotted(NaN), plotted(Infinity), plotted(0, true), plotted(0), plotted(2, true)]).toEqual([null, null, null, 0, 2]);
    expect([formatTick(1e-20), formatTick(0.5), formatTick(1e30), formatTick(0), formatTick(250)]).toEqual(['1e-20', '0.5', '1e+30', '0', '250']);
    const option = buildCurvesOption([{ name: 'a', x: [1, 2], y: [1, NaN], colour: '#000' }, { name: 'hidden', x: [1], y: [1], colour: '#000', legend: false }], { x: 'x', y: 'y', yLog: true }, lightPalette);
    expect(seriesOf(option)[0]!.data).toEqual([[1, 1], [2, null]]);
    expect((option.legend as { data: string[] }).data).toEqual(['a']);
    expect((option.yAxis as { type: string }).type).toBe('log');
  });

  it('initialisation: both stds by depth on a log axis; one histogram row per layer, shares summing to 1', () => {
    const layers = initDepth({ activation: 'sigmoid', init: 'small_normal', depth: 12 });
    const spread = seriesOf(buildDepthSpreadOption(layers, lightPalette));
    expect(spread.map((s) => s.name)).toEqual(['activation std', 'gradient std']);
    expect(spread[1]!.data).toHaveLength(12);
    const cells = seriesOf(buildDepthHistogramOption(layers, lightPalette, false))[0]!.data as [number, number, number][];
    expect(cells).toHaveLength(12 * layers[0]!.activations.counts.length);
    const row0 = cells.filter((c) => c[1] === 0).reduce((a, c) => a + c[2], 0);
    expect(row0).toBeCloseTo(1, 10);
  });

  it('batch size: one line per mode, against steps (log) or seconds; a noisy mode faint with its running mean', () => {
    let now = 0;
    const curves = (['full', 'mini'] as const).map((m) => batchCurve(m, 2, () => (now += 10)));
    const sgd = seriesOf(buildBatchOption([batchCurve('stochastic', 1)], 'steps', lightPalette));
    expect(sgd.map((s) => s.name)).toEqual(['stochastic (1), each step', 'stochastic (1)']);
    const steps = buildBatchOption(curves, 'steps', lightPalette);
    expect((steps.xAxis as { type: string }).type).toBe('log');
    expect(seriesOf(steps).map((s) => s.name)).toEqual(['batch = all', 'mini-batch 32']);
    expect(seriesOf(steps)[1]!.data).toHaveLength(26);
    const seconds = seriesOf(buildBatchOption(curves, 'seconds', lightPalette));
    expect((seconds[0]!.data[0] as number[])[0]).toBeCloseTo(0.01, 10);
  });

  it('learning rate: a diverged run is drawn by step and leaves through the top, a decade above the others, with its epoch', () => {
    const curves: LearningRateCurve[] = [
      { label: 'about right', lr: 0.05, loss: [0.2, 0.02], valLoss: [], stepLoss: new Float64Array(4), stepsPerEpoch: 2, divergedAt: null },
      { label: 'too large', lr: 0.5, loss: [3e13, 6e38], valLoss: [], stepLoss: Float64Array.of(0.3, 5, 1e9), stepsPerEpoch: 2, divergedAt: 2 },
    ];
    expect(rateAxisTop(curves)).toBe(10);
    const option = buildLearningRateOption(curves, lightPalette);
    expect((option.yAxis as { max: number }).max).toBe(10);
    const large = seriesOf(option)[1]!;
    expect(large.data).toEqual([[0.5, 0.3], [1, 5], [1.5, 1e9]]);
    expect(large.markPoint!.label.formatter).toBe('diverged at epoch 2');
    expect(large.markPoint!.data[0]!.coord).toEqual([2, 10]);
  });

  it('regularisation: the gap is a band stacked on the training loss; the kept epoch is marked', () => {
    const option = buildGapOption({ loss: [0.6, 0.3, 0.1], valLoss: [0.7, 0.5, 0.9], keptEpoch: 2 }, lightPalette);
    const [base, band, train, val] = seriesOf(option);
    expect(base!.stack).toBe('gap');
    expect(band!.stack).toBe('gap');
    expect((band!.data as number[][]).map((p) => Number(p[1]!.toFixed(6)))).toEqual([0.1, 0.2, 0.8]);
    expect(train!.name).toBe('training loss');
    expect(val!.markPoint!.label.formatter).toBe('kept: epoch 2');
  });

  it('batch norm: accuracy in percent against a log learning rate; both curves at one rate', () => {
    const cell = (lr: number, batchNorm: boolean, acc: number): BatchNormCell => ({ lr, batchNorm, finalLoss: 0.5, finalValAccuracy: acc, loss: [0.7, 0.5], diverged: false });
    const cells = [cell(0.03, false, 0.4), cell(0.3, false, 0.4), cell(0.03, true, 0.9), cell(0.3, true, 0.97)];
    const option = buildBatchNormOption(cells, lightPalette);
    expect((option.xAxis as { type: string }).type).toBe('log');
    expect(seriesOf(option)[1]!.data).toEqual([[0.03, 90], [0.3, 97]]);
    expect(seriesOf(buildBatchNormCurvesOption(cells, 0.3, lightPalette)).map((s) => s.name)).toEqual(['without', 'with batch norm']);
  });

  it('universal approximation: one thin line per unit, the target and the fit; empty axes to draw on', () => {
    const fit = approximate('sin', 4, { epochs: 20 });
    const names = seriesOf(buildApproximationOption(fit, [], lightPalette)).map((s) => s.name);
    expect(names).toEqual(['units’ contributions', 'unit 2', 'unit 3', 'unit 4', 'target', 'network’s fit']);
    const empty = buildApproximationOption(null, [[0, 1]], lightPalette);
    expect(seriesOf(empty).map((s) => s.type)).toEqual(['scatter']);
    expect((empty.xAxis as { min: number }).min).toBe(approximationBounds.min[0]);
  });

  it('gradient check: a bar per layer with parameters, red where it fails, and the tolerance', () => {
    const check = checkGradients(undefined, { broken: { layer: 2, scale: 0.9 } });
    const option = buildGradientCheckOption(check.layers, lightPalette, '#f00');
    expect((option.xAxis as { data: string[] }).data).toEqual(['0 dense', '2 dense', '4 dense']);
    const bars = seriesOf(option)[0]!.data as { value: number; itemStyle: { color: string } }[];
    expect(bars.map((b) => b.itemStyle.color)).toEqual(['#f00', '#f00', lightPalette.accuracy]);
    // a larger error is a taller bar, grown from the 1e-12 floor
    expect(bars[0]!.value).toBeGreaterThan(bars[2]!.value);
    expect([decadesAboveFloor(1e-5), decadesAboveFloor(1e-20), decadesAboveFloor(1)]).toEqual([7, 0, 12]);
    expect(layerName({ index: 5, type: 'softmax' })).toBe('5 softmax');
  });

  it('checklist: the trained cases’ losses beside ln 2, a divergence marked', () => {
    const base = { symptom: '', caughtBy: 'run diagnosis' as const, finding: null, fix: '' };
    const results: ChecklistResult[] = [
      { ...base, id: 'nan_in_data', title: 'A NaN', caughtBy: 'dataset doctor', loss: [] },
      { ...base, id: 'wrong_labels', title: 'Wrong labels', loss: [0.7, 0.69] },
      { ...base, id: 'learning_rate_too_high', title: 'Too high', loss: [5, 9, Infinity] },
    ];
    const series = seriesOf(buildChecklistOption(results, lightPalette));
    expect(series.map((s) => s.name)).toEqual(['Wrong labels', 'Too high', 'ln 2: chance']);
    expect(series[1]!.markPoint!.label.formatter).toBe('diverged after epoch 2');
  });
});

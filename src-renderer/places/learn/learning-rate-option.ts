import type { LearningRateCurve } from '../../../src-core/learn/learning-rate';
import { classColour, type ChartPalette } from '../../shared/charts/chart-palette';
import type { ChartOption } from '../../shared/charts/echarts';
import { buildCurvesOption, type Curve } from './curves-option';

/** A curve's name in the legend: its label and its rate. */
export function rateName(curve: Pick<LearningRateCurve, 'label' | 'lr'>): string {
  return `${curve.label} (η = ${curve.lr})`;
}

/**
 * The top of the log axis: the power of ten a decade above the runs that did not diverge, so a diverging run (its
 * loss at 10³⁸) leaves the chart at the top instead of squashing the others into one line.
 */
export function rateAxisTop(curves: readonly Pick<LearningRateCurve, 'loss' | 'divergedAt'>[]): number {
  const kept = curves.filter((c) => c.divergedAt === null).flatMap((c) => c.loss.filter((v) => Number.isFinite(v) && v > 0));
  return kept.length === 0 ? 1e3 : 10 ** (Math.ceil(Math.log10(Math.max(...kept))) + 1);
}

/**
 * The training loss per epoch of each rate (log scale). A diverged run is drawn step by step (its epochs end too
 * soon to show anything) so it is seen climbing out of the top, a dot saying when it stopped being a number.
 */
export function buildLearningRateOption(curves: readonly LearningRateCurve[], palette: ChartPalette): ChartOption {
  const top = rateAxisTop(curves);
  const lines: Curve[] = curves.map((c, i) => {
    if (c.divergedAt === null) return { name: rateName(c), x: c.loss.map((_, e) => e + 1), y: c.loss, colour: classColour(i) };
    const x = Array.from(c.stepLoss, (_, s) => (s + 1) / c.stepsPerEpoch);
    return { name: rateName(c), x, y: c.stepLoss, colour: classColour(i), mark: { x: c.divergedAt, y: top, label: `diverged at epoch ${c.divergedAt}`, position: 'right' } };
  });
  const epochs = Math.max(1, ...curves.map((c) => c.loss.length));
  return buildCurvesOption(lines, { x: 'epoch', y: 'training loss (MSE)', yLog: true, xMin: 0, xMax: epochs, yMax: top }, palette);
}

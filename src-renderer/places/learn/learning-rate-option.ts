import type { LearningRateCurve } from '../../../src-core/learn/learning-rate';
import { classColour, type ChartPalette } from '../../shared/charts/chart-palette';
import type { ChartOption } from '../../shared/charts/echarts';
import { buildCurvesOption, type Curve } from './curves-option';

/** A curve's name in the legend: its label and its rate. */
export function rateName(curve: Pick<LearningRateCurve, 'label' | 'lr'>): string {
  return `${curve.label} (η = ${curve.lr})`;
}

/** The training loss per epoch of each rate (log scale); a diverged run ends in a dot saying when. */
export function buildLearningRateOption(curves: readonly LearningRateCurve[], palette: ChartPalette): ChartOption {
  const lines: Curve[] = curves.map((c, i) => {
    const line: Curve = { name: rateName(c), x: c.loss.map((_, e) => e + 1), y: c.loss, colour: classColour(i) };
    const last = [...c.loss].reverse().find((v) => Number.isFinite(v));
    if (c.divergedAt !== null) line.mark = { x: Math.max(1, c.loss.length), y: last ?? 1, label: `diverged at epoch ${c.divergedAt}` };
    return line;
  });
  const epochs = Math.max(1, ...curves.map((c) => c.loss.length));
  return buildCurvesOption(lines, { x: 'epoch', y: 'training loss (MSE)', yLog: true, xMin: 1, xMax: epochs }, palette);
}

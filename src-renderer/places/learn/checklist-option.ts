import type { ChecklistResult } from '../../../src-core/learn/debugging-checklist';
import { classColour, type ChartPalette } from '../../shared/charts/chart-palette';
import type { ChartOption } from '../../shared/charts/echarts';
import { buildCurvesOption, type Curve } from './curves-option';

/**
 * The training loss of the cases the run diagnosis read (log scale), beside ln 2, the loss of a coin toss on two
 * classes: the wrong labels sit on it, the learning rate far too high jumps about or ends where it diverged.
 */
export function buildChecklistOption(results: readonly ChecklistResult[], palette: ChartPalette): ChartOption {
  const trained = results.filter((r) => r.loss.length > 0);
  const epochs = Math.max(1, ...trained.map((r) => r.loss.length));
  const curves: Curve[] = trained.map((r, i) => {
    const curve: Curve = { name: r.title, x: r.loss.map((_, e) => e + 1), y: r.loss, colour: classColour(i + 1) };
    const end = r.loss.findIndex((v) => !Number.isFinite(v));
    if (end >= 0) curve.mark = { x: end, y: r.loss[end - 1] ?? 1, label: `diverged after epoch ${end}` };
    return curve;
  });
  curves.push({ name: 'ln 2: chance', x: [1, epochs], y: [Math.LN2, Math.LN2], colour: palette.muted, dashed: true, width: 1 });
  return buildCurvesOption(curves, { x: 'epoch', y: 'loss (BCE)', yLog: true, xMin: 1, xMax: epochs }, palette);
}

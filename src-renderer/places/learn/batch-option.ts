import { runningMean, type BatchCurve, type BatchMode } from '../../../src-core/learn/batch-size';
import { classColour, type ChartPalette } from '../../shared/charts/chart-palette';
import type { ChartOption } from '../../shared/charts/echarts';
import { buildCurvesOption, type Curve } from './curves-option';

export const batchLabels: Record<BatchMode, string> = { full: 'batch = all', mini: 'mini-batch 32', stochastic: 'stochastic (1)' };

/** Steps of a curve averaged in its smoothed line: one row's loss jumps between 0 and 5 from step to step. */
export const smoothingSteps = 100;

/**
 * Each mode's batch loss per optimizer step, against steps (log: 20 to 8 000 of them) or against seconds. A mode
 * with more steps than the window draws its raw loss faint and its running mean over it.
 */
export function buildBatchOption(curves: readonly BatchCurve[], against: 'steps' | 'seconds', palette: ChartPalette): ChartOption {
  const lines: Curve[] = curves.flatMap((c, i) => {
    const x = against === 'steps' ? c.steps : c.seconds;
    const colour = classColour(i);
    if (c.loss.length <= smoothingSteps * 2) return [{ name: batchLabels[c.mode], x, y: c.loss, colour }];
    return [
      { name: `${batchLabels[c.mode]}, each step`, x, y: c.loss, colour, width: 1, opacity: 0.3, legend: false },
      { name: batchLabels[c.mode], x, y: runningMean(c.loss, smoothingSteps), colour, width: 2 },
    ];
  });
  return buildCurvesOption(
    lines,
    against === 'steps' ? { x: 'optimizer step', y: 'batch loss', xLog: true, yMin: 0 } : { x: 'seconds of training', y: 'batch loss', xMin: 0, yMin: 0 },
    palette,
  );
}

import type { BatchCurve, BatchMode } from '../../../src-core/learn/batch-size';
import { classColour, type ChartPalette } from '../../shared/charts/chart-palette';
import type { ChartOption } from '../../shared/charts/echarts';
import { buildCurvesOption } from './curves-option';

export const batchLabels: Record<BatchMode, string> = { full: 'batch = all', mini: 'mini-batch 32', stochastic: 'stochastic (1)' };

/** Each mode's batch loss per optimizer step, against steps (log: 20 to 8 000 of them) or against seconds. */
export function buildBatchOption(curves: readonly BatchCurve[], against: 'steps' | 'seconds', palette: ChartPalette): ChartOption {
  return buildCurvesOption(
    curves.map((c, i) => ({
      name: batchLabels[c.mode],
      x: against === 'steps' ? c.steps : c.seconds,
      y: c.loss,
      colour: classColour(i),
      width: c.mode === 'stochastic' ? 1 : 2,
    })),
    against === 'steps' ? { x: 'optimizer step', y: 'batch loss', xLog: true, yMin: 0 } : { x: 'seconds of training', y: 'batch loss', xMin: 0, yMin: 0 },
    palette,
  );
}

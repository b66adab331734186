import type { BatchNormCell } from '../../../src-core/learn/batch-norm';
import type { ChartPalette } from '../../shared/charts/chart-palette';
import type { ChartOption } from '../../shared/charts/echarts';
import { buildCurvesOption } from './curves-option';

/** The validation accuracy after training, against the learning rate (log), without and with batch norm. */
export function buildBatchNormOption(cells: readonly BatchNormCell[], palette: ChartPalette): ChartOption {
  const line = (bn: boolean) => {
    const mine = cells.filter((c) => c.batchNorm === bn);
    return { name: bn ? 'with batch norm' : 'without', x: mine.map((c) => c.lr), y: mine.map((c) => c.finalValAccuracy * 100), colour: bn ? palette.accuracy : palette.loss };
  };
  return buildCurvesOption([line(false), line(true)], { x: 'learning rate η (SGD, momentum 0.9)', y: 'validation accuracy (%)', xLog: true, yMin: 0, yMax: 100 }, palette);
}

/** Both networks' training loss per epoch at one learning rate. */
export function buildBatchNormCurvesOption(cells: readonly BatchNormCell[], lr: number, palette: ChartPalette): ChartOption {
  const at = cells.filter((c) => c.lr === lr);
  return buildCurvesOption(
    at.map((c) => ({ name: c.batchNorm ? 'with batch norm' : 'without', x: c.loss.map((_, e) => e + 1), y: c.loss, colour: c.batchNorm ? palette.accuracy : palette.loss })),
    { x: 'epoch', y: `training loss at η = ${lr}`, xMin: 1, yMin: 0 },
    palette,
  );
}

import type { Regularisation, RegularisationRun } from '../../../src-core/learn/regularisation';
import type { ChartPalette } from '../../shared/charts/chart-palette';
import type { ChartOption } from '../../shared/charts/echarts';
import { buildCurvesOption, curveSeries } from './curves-option';

export const regularisationLabels: Record<Regularisation, string> = { none: 'None', l2: 'L2 (λ = 0.01)', dropout: 'Dropout (p = 0.5)', early_stopping: 'Early stopping' };

/**
 * One run's training and validation loss per epoch with the gap between them shaded: the gap is drawn as a band
 * stacked on the training curve (validation − training, where validation is the higher), the kept epoch marked.
 */
export function buildGapOption(run: Pick<RegularisationRun, 'loss' | 'valLoss' | 'keptEpoch'>, palette: ChartPalette): ChartOption {
  const epochs = run.loss.map((_, e) => e + 1);
  const option = buildCurvesOption(
    [
      { name: 'training loss', x: epochs, y: run.loss, colour: palette.loss },
      {
        name: 'validation loss',
        x: epochs,
        y: run.valLoss,
        colour: palette.valLoss,
        dashed: true,
        mark: {
          x: run.keptEpoch,
          y: run.valLoss[run.keptEpoch - 1] ?? 0,
          label: `kept: epoch ${run.keptEpoch}`,
          position: run.keptEpoch > epochs.length / 2 ? 'left' : 'top',
        },
      },
    ],
    { x: 'epoch', y: 'loss (BCE)', xMin: 1, xMax: Math.max(1, epochs.length), yMin: 0 },
    palette,
  );
  const base = { ...curveSeries({ name: 'gap base', x: epochs, y: run.loss, colour: palette.loss, legend: false }, {}, palette), stack: 'gap', lineStyle: { opacity: 0 }, showSymbol: false, silent: true };
  const band = {
    ...curveSeries({ name: 'gap', x: epochs, y: run.loss.map((l, i) => Math.max(0, run.valLoss[i]! - l)), colour: palette.valLoss, legend: false }, {}, palette),
    stack: 'gap',
    lineStyle: { opacity: 0 },
    showSymbol: false,
    silent: true,
    areaStyle: { color: palette.valLoss, opacity: 0.25 },
  };
  // The stacked pair first, so the two curves draw over the band; the band's values stack on its base's.
  option.series = [base, band, ...(option.series as unknown[])] as ChartOption['series'];
  return option;
}

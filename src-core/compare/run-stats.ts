import type { EpochMetrics } from '../contract/training';

/**
 * What a run's stat tiles are made of, gathered epoch by epoch so a live run adds only its new epochs: the last
 * epoch, the best values so far and the total training time. NaN is sticky as in `Math.min`/`Math.max`: a diverged
 * epoch's NaN makes the best NaN (shown as "—"), as the tiles always showed.
 */
export interface RunStats {
  /** Epochs counted. */
  readonly epochs: number;
  readonly last: EpochMetrics | undefined;
  /** Highest training accuracy (−∞ when none reported). */
  readonly bestAccuracy: number;
  /** Lowest training loss (+∞ when no epochs). */
  readonly bestLoss: number;
  /** Lowest validation loss (+∞ when none reported). */
  readonly bestValLoss: number;
  /** Whether any epoch reported accuracy, validation loss, validation accuracy. */
  readonly hasAccuracy: boolean;
  readonly hasValidation: boolean;
  readonly hasValAccuracy: boolean;
  /** Wall-clock seconds of every epoch, summed in order. */
  readonly seconds: number;
}

export const emptyRunStats: RunStats = {
  epochs: 0,
  last: undefined,
  bestAccuracy: -Infinity,
  bestLoss: Infinity,
  bestValLoss: Infinity,
  hasAccuracy: false,
  hasValidation: false,
  hasValAccuracy: false,
  seconds: 0,
};

/** `stats` with `epochs` (the ones after those counted, in order) added: O(epochs.length). */
export function addRunStats(stats: RunStats, epochs: readonly EpochMetrics[]): RunStats {
  if (epochs.length === 0) return stats;
  let { bestAccuracy, bestLoss, bestValLoss, hasAccuracy, hasValidation, hasValAccuracy, seconds } = stats;
  for (const m of epochs) {
    bestAccuracy = Math.max(bestAccuracy, m.accuracy ?? -Infinity);
    bestLoss = Math.min(bestLoss, m.loss);
    bestValLoss = Math.min(bestValLoss, m.valLoss ?? Infinity);
    hasAccuracy ||= m.accuracy !== undefined;
    hasValidation ||= m.valLoss !== undefined;
    hasValAccuracy ||= m.valAccuracy !== undefined;
    seconds += m.seconds;
  }
  const last = epochs[epochs.length - 1];
  return { epochs: stats.epochs + epochs.length, last, bestAccuracy, bestLoss, bestValLoss, hasAccuracy, hasValidation, hasValAccuracy, seconds };
}

/** A run's stats from all its epochs at once. */
export function runStats(epochs: readonly EpochMetrics[]): RunStats {
  return addRunStats(emptyRunStats, epochs);
}

/** One tile: its label, its number (undefined shows "—") and how to write it. */
export interface StatTile {
  readonly label: string;
  readonly value: number | undefined;
  readonly format: 'loss' | 'percent' | 'seconds';
  /** The tile's test id, where it has one. */
  readonly testid?: string;
}

/**
 * The run page's tiles: Loss; then Accuracy and Best accuracy for a classification run (`accuracy`), else Validation
 * loss and Best (validation) loss, the best over validation when the run has it; then Training time.
 */
export function runStatTiles(stats: RunStats, accuracy: boolean): StatTile[] {
  const finite = (v: number): number | undefined => (Number.isFinite(v) ? v : undefined);
  const tiles: StatTile[] = [{ label: 'Loss', value: stats.last?.loss, format: 'loss' }];
  if (accuracy) {
    tiles.push({ label: 'Accuracy', value: stats.last?.accuracy, format: 'percent', testid: 'stat-accuracy' });
    tiles.push({ label: 'Best accuracy', value: finite(stats.bestAccuracy), format: 'percent' });
  } else {
    tiles.push({ label: 'Validation loss', value: stats.last?.valLoss, format: 'loss' });
    tiles.push({
      label: `Best ${stats.hasValidation ? 'validation ' : ''}loss`,
      value: finite(stats.hasValidation ? stats.bestValLoss : stats.bestLoss),
      format: 'loss',
    });
  }
  tiles.push({ label: 'Training time', value: stats.epochs ? stats.seconds : undefined, format: 'seconds' });
  return tiles;
}

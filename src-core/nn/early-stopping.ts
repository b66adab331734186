import type { EarlyStoppingConfig } from '../contract/run-config';
import type { EpochMetrics } from '../contract/training';

type Monitor = NonNullable<EarlyStoppingConfig['monitor']>;

const metricOf: Record<Monitor, (m: EpochMetrics) => number | undefined> = {
  loss: (m) => m.loss,
  val_loss: (m) => m.valLoss,
  accuracy: (m) => m.accuracy,
  val_accuracy: (m) => m.valAccuracy,
};

/**
 * Stops training when the monitored metric has not improved for `patience` epochs (Keras semantics).
 * The monitor defaults to val_loss when the epoch has one, else loss; losses are minimised, accuracies
 * maximised. An improvement must beat the best by more than `minDelta`. When a validation monitor is
 * asked for but the run has no validation split, its training counterpart is watched instead.
 * `restoreBest` is the training session's business: it keeps the weights of `bestEpoch`.
 */
export class EarlyStopping {
  private monitor: Monitor | undefined;
  private readonly patience: number;
  private readonly minDelta: number;
  private wait = 0;
  private best = NaN;
  private bestAt = 0;
  private lastWatched: Monitor | undefined;

  constructor(config: EarlyStoppingConfig) {
    this.monitor = config.monitor;
    this.patience = config.patience ?? 5;
    this.minDelta = config.minDelta ?? 0;
  }

  /** The 1-based epoch of the best value so far; 0 before any finite value. */
  get bestEpoch(): number {
    return this.bestAt;
  }

  /** The best monitored value so far; NaN before any finite value. */
  get bestValue(): number {
    return this.best;
  }

  /** The metric watched by the last update (after the fallbacks above); undefined before any update. */
  get watching(): Monitor | undefined {
    return this.lastWatched;
  }

  update(metrics: EpochMetrics): { improved: boolean; stop: boolean } {
    const monitor = this.resolveMonitor(metrics);
    this.lastWatched = monitor;
    const value = metricOf[monitor](metrics);
    const maximise = monitor === 'accuracy' || monitor === 'val_accuracy';
    const improved =
      value !== undefined &&
      Number.isFinite(value) &&
      (Number.isNaN(this.best) || (maximise ? value > this.best + this.minDelta : value < this.best - this.minDelta));
    if (improved) {
      this.best = value;
      this.bestAt = metrics.epoch;
      this.wait = 0;
    } else {
      this.wait++;
    }
    return { improved, stop: !improved && this.wait >= this.patience };
  }

  private resolveMonitor(metrics: EpochMetrics): Monitor {
    if (this.monitor === undefined) this.monitor = metrics.valLoss !== undefined ? 'val_loss' : 'loss';
    if (this.monitor === 'val_loss' && metrics.valLoss === undefined) return 'loss';
    if (this.monitor === 'val_accuracy' && metrics.valAccuracy === undefined) return 'accuracy';
    return this.monitor;
  }
}

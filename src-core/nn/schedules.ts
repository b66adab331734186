import type { ScheduleConfig } from '../contract/run-config';

/**
 * Learning-rate schedules, stepped once per epoch like PyTorch's `scheduler.step()` after each epoch.
 * `lr` is the rate for the NEXT epoch: read it before epoch 1, call `endEpoch` after each epoch.
 *
 * - step:        base·gamma^⌊e/stepSize⌋ (StepLR, gamma default 0.1)
 * - exponential: base·gamma^e (ExponentialLR)
 * - cosine:      minLr + (base−minLr)·(1+cos(π·e/tMax))/2 (CosineAnnealingLR's closed form; tMax defaults to
 *                the run's epochs, minLr to 0). Past tMax the rate stays at minLr (PyTorch's would rise again).
 * - reduce_on_plateau: ReduceLROnPlateau, mode min, relative threshold 1e-4, cooldown 0: when the monitored
 *                value has not improved for more than `patience` epochs (default 10), lr = max(lr·factor, minLr)
 *                (factor default 0.1). The monitor defaults to val_loss when the epoch has one, else loss.
 * - warmup:      linear warmup: epoch k (1-based) of the first N uses base·k/N, then base. So epoch 1 runs at
 *                base/N and epoch N at base.
 * Here e is the number of epochs completed.
 */
export interface LrSchedule {
  readonly lr: number;
  endEpoch(epoch: number, observed: { loss: number; valLoss?: number }): void;
  /** What a continued run resumes from. */
  save(): ScheduleState;
  restore(state: ScheduleState): void;
}

/** The rate of the next epoch; reduce_on_plateau also keeps its best value (null before one) and bad epochs. */
export interface ScheduleState {
  lr: number;
  best: number | null;
  badEpochs: number;
}

export function createSchedule(config: ScheduleConfig | undefined, baseLr: number, totalEpochs: number): LrSchedule {
  if (config === undefined) return closedForm(() => baseLr, baseLr);
  switch (config.type) {
    case 'step': {
      const gamma = config.gamma ?? 0.1;
      return closedForm((e) => baseLr * gamma ** Math.floor(e / config.stepSize), baseLr);
    }
    case 'exponential':
      return closedForm((e) => baseLr * config.gamma ** e, baseLr);
    case 'cosine': {
      const tMax = config.tMax ?? Math.max(1, totalEpochs);
      const minLr = config.minLr ?? 0;
      return closedForm((e) => minLr + ((baseLr - minLr) * (1 + Math.cos((Math.PI * Math.min(e, tMax)) / tMax))) / 2, baseLr);
    }
    case 'warmup': {
      const n = config.epochs;
      return closedForm((e) => (baseLr * Math.min(e + 1, n)) / n, baseLr / n);
    }
    case 'reduce_on_plateau':
      return new ReduceOnPlateau(baseLr, config.factor ?? 0.1, config.patience ?? 10, config.minLr ?? 0, config.monitor);
  }
}

/** A schedule whose rate is a function of the epochs completed. */
function closedForm(rateAfter: (epochsDone: number) => number, initial: number): LrSchedule {
  let lr = initial;
  return {
    get lr() {
      return lr;
    },
    endEpoch(epoch: number) {
      lr = rateAfter(epoch);
    },
    save: () => ({ lr, best: null, badEpochs: 0 }),
    restore(state: ScheduleState) {
      lr = state.lr;
    },
  };
}

/** PyTorch's ReduceLROnPlateau with mode 'min', threshold_mode 'rel', threshold 1e-4, cooldown 0, eps 1e-8. */
class ReduceOnPlateau implements LrSchedule {
  private current: number;
  private best = Infinity;
  private badEpochs = 0;

  constructor(
    baseLr: number,
    private readonly factor: number,
    private readonly patience: number,
    private readonly minLr: number,
    private readonly monitor: 'loss' | 'val_loss' | undefined,
  ) {
    this.current = baseLr;
  }

  get lr(): number {
    return this.current;
  }

  save(): ScheduleState {
    return { lr: this.current, best: this.best === Infinity ? null : this.best, badEpochs: this.badEpochs };
  }

  restore(state: ScheduleState): void {
    this.current = state.lr;
    this.best = state.best ?? Infinity;
    this.badEpochs = state.badEpochs;
  }

  endEpoch(_epoch: number, observed: { loss: number; valLoss?: number }): void {
    const value = this.monitor === 'loss' ? observed.loss : (observed.valLoss ?? observed.loss);
    if (value < this.best * (1 - 1e-4)) {
      this.best = value;
      this.badEpochs = 0;
    } else {
      this.badEpochs++;
    }
    if (this.badEpochs > this.patience) {
      const reduced = Math.max(this.current * this.factor, this.minLr);
      if (this.current - reduced > 1e-8) this.current = reduced;
      this.badEpochs = 0;
    }
  }
}

/** A run's schedule settings: its schedule (none: constant) and base rate. */
export interface ScheduleSettings {
  schedule?: ScheduleConfig | undefined;
  baseLr: number;
  totalEpochs: number;
}

/**
 * The schedule state a fork resumes from, `epochsDone` epochs into a run whose state was `saved`, when the fork
 * changes the base rate or the schedule: a closed-form schedule's rate is the fork's own after those epochs; a
 * reduce_on_plateau kept on keeps its best value and bad epochs, its reductions so far scaled to the new base
 * rate; one new to the fork starts afresh. Nothing changed: `saved` as it was.
 */
export function forkScheduleState(saved: ScheduleState, before: ScheduleSettings, after: ScheduleSettings, epochsDone: number): ScheduleState {
  if (after.schedule?.type === 'reduce_on_plateau') {
    if (before.schedule?.type !== 'reduce_on_plateau') return { lr: after.baseLr, best: null, badEpochs: 0 };
    return { ...saved, lr: Math.max(saved.lr * (after.baseLr / before.baseLr), after.schedule.minLr ?? 0) };
  }
  const schedule = createSchedule(after.schedule, after.baseLr, after.totalEpochs);
  schedule.endEpoch(epochsDone, { loss: 0 });
  return { lr: schedule.lr, best: null, badEpochs: 0 };
}

import { describe, expect, it } from 'vitest';
import { addRunStats, emptyRunStats, runStats, runStatTiles, type StatTile } from '../../../src-core/compare/run-stats';
import type { EpochMetrics } from '../../../src-core/contract/training';

const at = (epoch: number, m: Partial<EpochMetrics> = {}): EpochMetrics => ({ epoch, loss: 1 / epoch, lr: 0.1, seconds: 0.25, ...m });
/** Label → value, as the tiles read. */
const shown = (tiles: StatTile[]) => Object.fromEntries(tiles.map((t) => [t.label, t.value]));

describe('runStatTiles', () => {
  it('an empty run: every tile "—" (undefined), labels as for its task', () => {
    expect(runStatTiles(runStats([]), true)).toEqual([
      { label: 'Loss', value: undefined, format: 'loss' },
      { label: 'Accuracy', value: undefined, format: 'percent', testid: 'stat-accuracy' },
      { label: 'Best accuracy', value: undefined, format: 'percent' },
      { label: 'Training time', value: undefined, format: 'seconds' },
    ]);
    expect(shown(runStatTiles(runStats([]), false))).toEqual({ Loss: undefined, 'Validation loss': undefined, 'Best loss': undefined, 'Training time': undefined });
  });

  it('classification: last loss and accuracy, the best accuracy of any epoch, the summed time', () => {
    const epochs = [at(1, { loss: 0.9, accuracy: 0.6 }), at(2, { loss: 0.5, accuracy: 0.9 }), at(3, { loss: 0.4, accuracy: 0.85, seconds: 0.5 })];
    expect(shown(runStatTiles(runStats(epochs), true))).toEqual({ Loss: 0.4, Accuracy: 0.85, 'Best accuracy': 0.9, 'Training time': 1 });
  });

  it('classification with validation: the tiles stay the training ones', () => {
    const epochs = [at(1, { accuracy: 0.5, valLoss: 0.3, valAccuracy: 0.7 }), at(2, { accuracy: 0.6, valLoss: 0.4, valAccuracy: 0.6 })];
    expect(shown(runStatTiles(runStats(epochs), true))).toEqual({ Loss: 0.5, Accuracy: 0.6, 'Best accuracy': 0.6, 'Training time': 0.5 });
  });

  it('regression without validation: "Best loss" is the lowest training loss; validation loss "—"', () => {
    const epochs = [at(1, { loss: 2 }), at(2, { loss: 0.5 }), at(3, { loss: 0.7 })];
    expect(shown(runStatTiles(runStats(epochs), false))).toEqual({ Loss: 0.7, 'Validation loss': undefined, 'Best loss': 0.5, 'Training time': 0.75 });
  });

  it('regression with validation: "Best validation loss" over validation, epochs without it skipped', () => {
    const epochs = [at(1, { loss: 0.1 }), at(2, { loss: 0.2, valLoss: 0.8 }), at(3, { loss: 0.05, valLoss: 0.9 })];
    expect(shown(runStatTiles(runStats(epochs), false))).toEqual({ Loss: 0.05, 'Validation loss': 0.9, 'Best validation loss': 0.8, 'Training time': 0.75 });
  });

  it('a diverged epoch: its NaN loss is the last loss, and NaN makes the best "—" as it always did', () => {
    const epochs = [at(1, { loss: 0.5, accuracy: 0.7 }), at(2, { loss: NaN, accuracy: NaN })];
    const tiles = shown(runStatTiles(runStats(epochs), true));
    expect(tiles.Loss).toBeNaN();
    expect(tiles.Accuracy).toBeNaN();
    expect(tiles['Best accuracy']).toBeUndefined();
    expect(shown(runStatTiles(runStats([at(1, { loss: 1 }), at(2, { loss: Infinity })]), false))['Best loss']).toBe(1);
    expect(shown(runStatTiles(runStats([at(1, { loss: NaN }), at(2, { loss: 1 })]), false))['Best loss']).toBeUndefined();
  });

  it('a regression run reporting no accuracy has no best accuracy when shown as classification', () => {
    expect(shown(runStatTiles(runStats([at(1)]), true))['Best accuracy']).toBeUndefined();
  });
});

describe('addRunStats', () => {
  it('epoch by epoch equals all at once, NaNs, missing validation and infinities included', () => {
    const epochs = Array.from({ length: 500 }, (_, i) =>
      at(i + 1, {
        loss: i === 200 ? NaN : i === 300 ? Infinity : 1 / (i + 1),
        ...(i % 3 ? { accuracy: i === 250 ? NaN : (i % 97) / 100 } : {}),
        ...(i > 100 && i % 5 ? { valLoss: (i % 13) / 10, valAccuracy: 0.5 } : {}),
        seconds: 0.1 + (i % 7) / 1000,
      }),
    );
    for (const cut of [0, 1, 150, 220, 499]) {
      const whole = runStats(epochs.slice(0, cut + 1));
      let live = emptyRunStats;
      for (let i = 0; i <= cut; i += 7) live = addRunStats(live, epochs.slice(i, Math.min(i + 7, cut + 1)));
      expect(live).toEqual(whole);
      for (const accuracy of [true, false]) expect(runStatTiles(live, accuracy)).toEqual(runStatTiles(whole, accuracy));
    }
  });

  it('adds nothing for no epochs (the same stats)', () => {
    const stats = runStats([at(1)]);
    expect(addRunStats(stats, [])).toBe(stats);
  });
});

import type { AlignedMetric } from './align-by-epoch';
import type { SeedBands } from './seed-groups';

/** The most points of one curve that `runs.compare` sends for drawing (a chart ~1,000 px wide shows no more). */
export const MAX_CURVE_POINTS = 2000;
/** Fewest stretches a long axis is cut into, however many tracks share it. */
const MIN_STRETCHES = 100;

/**
 * Which positions of a shared axis of `length` points to draw: all when `length ≤ maxPoints`; else the first and
 * last, and in each of B equal stretches every track's lowest and highest finite value (so a spike of any run stays
 * visible). B = (maxPoints − 2) / (2 × tracks), so at most `maxPoints` are kept; but at least 100 stretches, so more
 * than 10 tracks may keep up to 200 × tracks + 2. Ascending.
 */
export function thinIndices(tracks: readonly ArrayLike<number | null>[], length: number, maxPoints = MAX_CURVE_POINTS): number[] {
  if (!(maxPoints >= 4)) throw new RangeError(`thinIndices: maxPoints must be at least 4, not ${maxPoints}`);
  if (length <= maxPoints) return Array.from({ length }, (_, i) => i);
  const stretches = Math.max(MIN_STRETCHES, Math.floor((maxPoints - 2) / (2 * Math.max(1, tracks.length))));
  const keep = new Uint8Array(length);
  keep[0] = 1;
  keep[length - 1] = 1;
  for (let b = 0; b < stretches; b++) {
    // Positions 1 .. length − 2 split into `stretches` runs of (nearly) equal length.
    const start = 1 + Math.floor((b * (length - 2)) / stretches);
    const end = 1 + Math.floor(((b + 1) * (length - 2)) / stretches);
    if (end <= start) continue;
    for (const track of tracks) {
      let low = -1;
      let high = -1;
      for (let i = start; i < end; i++) {
        const v = track[i];
        if (v === null || v === undefined || !Number.isFinite(v)) continue;
        if (low < 0 || v < track[low]!) low = i;
        if (high < 0 || v > track[high]!) high = i;
      }
      if (low >= 0) keep[low] = keep[high] = 1;
    }
  }
  const kept: number[] = [];
  for (let i = 0; i < length; i++) if (keep[i]) kept.push(i);
  return kept;
}

/** Aligned curves thinned for drawing (`thinIndices` over every run's values); the epochs kept stay shared. */
export function thinAligned(curve: AlignedMetric, maxPoints = MAX_CURVE_POINTS): AlignedMetric {
  const kept = thinIndices(curve.series.map((s) => s.values), curve.epochs.length, maxPoints);
  return pick(curve, kept);
}

/** A seed group's bands thinned for drawing: each stretch's extremes of the mean, the lowest run and the highest. */
export function thinBands(bands: SeedBands, maxPoints = MAX_CURVE_POINTS): SeedBands {
  const { points } = bands;
  const kept = thinIndices([points.map((p) => p.mean), points.map((p) => p.min), points.map((p) => p.max)], points.length, maxPoints);
  return kept.length === points.length ? bands : { metric: bands.metric, points: kept.map((i) => points[i]!) };
}

/** A curve at just the given epochs (the wall time beside thinned curves: every epoch one of them kept). */
export function alignedAtEpochs(curve: AlignedMetric, epochs: ReadonlySet<number>): AlignedMetric {
  return pick(curve, curve.epochs.flatMap((epoch, i) => (epochs.has(epoch) ? [i] : [])));
}

/** The curve at the positions `kept` (ascending); itself when that is all of them. */
function pick(curve: AlignedMetric, kept: readonly number[]): AlignedMetric {
  if (kept.length === curve.epochs.length) return curve;
  return { metric: curve.metric, epochs: kept.map((i) => curve.epochs[i]!), series: curve.series.map((s) => ({ ...s, values: kept.map((i) => s.values[i]!) })) };
}

/** Bands at just the given epochs. */
export function bandsAtEpochs(bands: SeedBands, epochs: ReadonlySet<number>): SeedBands {
  return { metric: bands.metric, points: bands.points.filter((p) => epochs.has(p.epoch)) };
}

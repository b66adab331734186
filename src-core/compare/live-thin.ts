/** A point of a curve: [epoch, value]. */
export type CurvePoint = readonly [number, number];

/** One stretch of a growing curve: its lowest and highest finite point (null while it has none). */
interface Stretch {
  readonly low: CurvePoint;
  readonly high: CurvePoint;
}

/**
 * A growing curve thinned as it grows, for drawing a live long run without reading all its epochs at each event:
 * positions are cut into stretches of `size` (a power of two) and each keeps its lowest and highest finite point;
 * when there are more than `maxStretches`, neighbours merge and `size` doubles. Adding k points costs O(k) plus a copy
 * of the stretches (O(points drawn)); the state is never mutated.
 */
export interface LiveThin {
  readonly size: number;
  readonly count: number;
  readonly maxStretches: number;
  readonly stretches: readonly (Stretch | null)[];
  readonly first: CurvePoint | null;
  readonly last: CurvePoint | null;
}

/** An empty thinned curve that draws at most `maxPoints` points (≥ 4). */
export function emptyLiveThin(maxPoints: number): LiveThin {
  if (!(maxPoints >= 4)) throw new RangeError(`emptyLiveThin: maxPoints must be at least 4, not ${maxPoints}`);
  return { size: 1, count: 0, maxStretches: Math.floor((maxPoints - 2) / 2), stretches: [], first: null, last: null };
}

/** `thin` with the next positions' points (`value` not finite, or undefined, counts a position but draws nothing). */
export function addLiveThin(thin: LiveThin, points: readonly (readonly [number, number | undefined])[]): LiveThin {
  if (points.length === 0) return thin;
  let { size, count, first, last } = thin;
  let stretches = thin.stretches.slice();
  for (const [epoch, value] of points) {
    const k = Math.floor(count / size);
    count++;
    if (value === undefined || !Number.isFinite(value)) continue;
    const point: CurvePoint = [epoch, value];
    first ??= point;
    last = point;
    while (stretches.length < k) stretches.push(null);
    stretches[k] = widen(stretches[k] ?? null, point, point);
    while (stretches.length > thin.maxStretches) {
      stretches = mergePairs(stretches);
      size *= 2;
    }
  }
  return { size, count, maxStretches: thin.maxStretches, stretches, first, last };
}

/** The points to draw, in epoch order, each once: the first and last finite ones, every stretch's lowest and highest. */
export function liveThinPoints(thin: LiveThin): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const push = (p: CurvePoint | null): void => {
    if (p && (out.length === 0 || p[0] > out[out.length - 1]![0])) out.push([p[0], p[1]]);
  };
  push(thin.first);
  for (const s of thin.stretches) {
    if (!s) continue;
    const [a, b] = s.low[0] <= s.high[0] ? [s.low, s.high] : [s.high, s.low];
    push(a);
    push(b);
  }
  push(thin.last);
  return out;
}

function widen(s: Stretch | null, low: CurvePoint, high: CurvePoint): Stretch {
  if (!s) return { low, high };
  return { low: low[1] < s.low[1] ? low : s.low, high: high[1] > s.high[1] ? high : s.high };
}

function mergePairs(stretches: readonly (Stretch | null)[]): (Stretch | null)[] {
  const merged: (Stretch | null)[] = [];
  for (let i = 0; i < stretches.length; i += 2) {
    const a = stretches[i] ?? null;
    const b = stretches[i + 1] ?? null;
    merged.push(a && b ? widen(a, b.low, b.high) : (a ?? b));
  }
  return merged;
}

/**
 * A long curve thinned for drawing: at most `maxPoints` of its points, in order, keeping each of ⌊maxPoints / 2⌋
 * equal runs' lowest and highest point (so a spike stays visible) and the first and last points. A chart a thousand
 * pixels wide shows no more; a live run's 100,000 epochs would otherwise be processed again at every redraw.
 */
export function thinPoints<P extends readonly [number, number]>(points: readonly P[], maxPoints: number): P[] {
  if (!(maxPoints >= 4)) throw new RangeError(`thinPoints: maxPoints must be at least 4, not ${maxPoints}`);
  const n = points.length;
  if (n <= maxPoints) return [...points];
  const buckets = Math.floor((maxPoints - 2) / 2);
  const out: P[] = [points[0]!];
  for (let b = 0; b < buckets; b++) {
    // Points 1 .. n − 2 split into `buckets` runs of (nearly) equal length.
    const start = 1 + Math.floor((b * (n - 2)) / buckets);
    const end = 1 + Math.floor(((b + 1) * (n - 2)) / buckets);
    let low = start;
    let high = start;
    for (let i = start + 1; i < end; i++) {
      if (points[i]![1] < points[low]![1]) low = i;
      if (points[i]![1] > points[high]![1]) high = i;
    }
    if (low === high) out.push(points[low]!);
    else out.push(points[Math.min(low, high)]!, points[Math.max(low, high)]!);
  }
  out.push(points[n - 1]!);
  return out;
}

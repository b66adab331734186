import type { Histogram, TrainingDiagnostics } from '../nn/index';

/**
 * One layer's weight (or gradient) histograms over epochs on common bin edges (a ridgeline): each snapshot's histogram
 * has its own range, so its counts are spread over the common bins in proportion to the overlap of each
 * old bin with each new one (a bin of zero width puts all its count where its value falls).
 */
export interface Ridgeline {
  layer: number;
  epochs: Int32Array; // (snapshots)
  edges: Float64Array; // (bins + 1) from the smallest min to the largest max over the snapshots
  counts: Float32Array; // (snapshots, bins)
}

export function ridgeline(
  snapshots: readonly TrainingDiagnostics[],
  layer: number,
  options: { of?: 'weights' | 'gradients'; bins?: number } = {},
): Ridgeline | undefined {
  const field = options.of === 'gradients' ? 'gradHistogram' : 'weightHistogram';
  const rows = [...snapshots]
    .sort((a, b) => a.epoch - b.epoch)
    .map((s) => ({ epoch: s.epoch, h: s.layers.find((l) => l.index === layer)?.[field] }))
    .filter((r): r is { epoch: number; h: Histogram } => r.h !== undefined && r.h.counts.length > 0);
  if (rows.length === 0) return undefined;
  const n = options.bins ?? rows[0]!.h.counts.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (const { h } of rows) {
    lo = Math.min(lo, h.min);
    hi = Math.max(hi, h.max);
  }
  if (hi === lo) [lo, hi] = [lo - 0.5, hi + 0.5];
  const edges = Float64Array.from({ length: n + 1 }, (_, i) => lo + (i * (hi - lo)) / n);
  const counts = new Float32Array(rows.length * n);
  rows.forEach(({ h }, t) => rebin(h, lo, hi, n, counts.subarray(t * n, (t + 1) * n)));
  return { layer, epochs: Int32Array.from(rows, (r) => r.epoch), edges, counts };
}

function rebin(h: Histogram, lo: number, hi: number, n: number, out: Float32Array): void {
  const width = (hi - lo) / n;
  const k = h.counts.length;
  const oldWidth = (h.max - h.min) / k;
  const binOf = (v: number): number => Math.min(n - 1, Math.max(0, Math.floor((v - lo) / width)));
  for (let b = 0; b < k; b++) {
    const count = h.counts[b]!;
    if (count === 0) continue;
    if (oldWidth === 0) {
      out[binOf(h.min)] = out[binOf(h.min)]! + count;
      continue;
    }
    const a = h.min + b * oldWidth;
    const z = a + oldWidth;
    for (let j = binOf(a); j <= binOf(z) && j < n; j++) {
      const overlap = Math.min(z, lo + (j + 1) * width) - Math.max(a, lo + j * width);
      if (overlap > 0) out[j] = out[j]! + (count * overlap) / oldWidth;
    }
  }
}

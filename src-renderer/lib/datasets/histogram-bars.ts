import type { Histogram } from '../../../src-core/data/doctor/dataset-report';

/** One bar of a tiny histogram, in SVG user units. */
export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  count: number;
}

/**
 * A column's histogram as bars filling a `width` × `height` box (bottom-aligned). A non-empty bin is at least
 * one unit tall, so a rare value still shows.
 */
export function histogramBars(histogram: Histogram | undefined, width: number, height: number): Bar[] {
  const counts = histogram?.counts ?? [];
  if (counts.length === 0) return [];
  const largest = Math.max(...counts);
  const step = width / counts.length;
  const gap = step > 3 ? 1 : 0;
  return counts.map((count, i) => {
    const barHeight = largest === 0 || count === 0 ? 0 : Math.max(1, (count / largest) * height);
    return { x: i * step, y: height - barHeight, width: Math.max(0.5, step - gap), height: barHeight, count };
  });
}

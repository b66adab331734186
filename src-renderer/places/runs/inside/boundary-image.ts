import type { RunSnapshot, SnapshotFrame } from '../../../../src-core/contract/snapshots';

/** The decision boundary as pixels: each cell its predicted class's colour, faded toward the background as confidence falls. */

export type Rgb = readonly [number, number, number];

/** '#rrggbb' → [r, g, b]. */
export function hexRgb(hex: string): Rgb {
  const v = Number.parseInt(hex.replace('#', ''), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/**
 * RGBA pixels (ny rows of nx, row 0 at the top = the highest v) of a boundary snapshot. A cell at chance
 * confidence (1 / classes) is the background; at confidence 1 it is `strength` of the way to its class colour.
 */
export function boundaryPixels(
  boundary: NonNullable<RunSnapshot['boundary']>,
  classes: number,
  colours: readonly Rgb[],
  background: Rgb,
  strength = 0.75,
): Uint8ClampedArray {
  const [ny, nx] = boundary.classes.shape as [number, number];
  const out = new Uint8ClampedArray(nx * ny * 4);
  const chance = 1 / Math.max(2, classes);
  for (let row = 0; row < ny; row++) {
    const top = ny - 1 - row; // stored row 0 is the lowest v: drawn at the bottom
    for (let col = 0; col < nx; col++) {
      const cell = row * nx + col;
      const colour = colours[boundary.classes.data[cell]! % colours.length]!;
      const confidence = boundary.confidence.data[cell]! / 255;
      const t = strength * Math.min(1, Math.max(0, (confidence - chance) / (1 - chance)));
      const at = (top * nx + col) * 4;
      for (let k = 0; k < 3; k++) out[at + k] = Math.round(background[k]! + (colour[k]! - background[k]!) * t);
      out[at + 3] = 255;
    }
  }
  return out;
}

/** A point of the plane → pixel coordinates in a width × height box (v grows upward). */
export function planeToPixel(bounds: { min: number[]; max: number[] }, u: number, v: number, width: number, height: number): [number, number] {
  const x = ((u - bounds.min[0]!) / (bounds.max[0]! - bounds.min[0]!)) * width;
  const y = height - ((v - bounds.min[1]!) / (bounds.max[1]! - bounds.min[1]!)) * height;
  return [x, y];
}

/** A point drawn over the boundary, in plane coordinates: a training row (a ring) or a probe row (a dot), with its class. */
export interface BoundaryPoint {
  u: number;
  v: number;
  cls: number;
  split: 'train' | 'validation';
}

/** The frame's plane's points: up to 1,000 training rows, and the validation rows (when the probe rows are those). */
export function boundaryPoints(frame: SnapshotFrame): BoundaryPoint[] {
  const plane = frame.plane;
  if (!plane || plane.bounds.min.length !== 2) return [];
  const points: BoundaryPoint[] = [];
  const tp = plane.trainPoints.data;
  for (let r = 0; r < plane.trainPoints.shape[0]!; r++) points.push({ u: tp[r * 2]!, v: tp[r * 2 + 1]!, cls: plane.trainLabels.data[r]!, split: 'train' });
  if (frame.split === 'validation') {
    const pp = plane.points.data;
    for (let r = 0; r < plane.points.shape[0]!; r++) points.push({ u: pp[r * 2]!, v: pp[r * 2 + 1]!, cls: frame.actual?.data[r] ?? 0, split: 'validation' });
  }
  return points;
}

/** The probe rows over two picked features: their raw values of those columns, with their classes. */
export function pickedPoints(frame: SnapshotFrame, features: readonly [number, number]): BoundaryPoint[] {
  const view = frame.view;
  if (view.kind !== 'table') return [];
  const width = view.columns.length;
  const split = frame.split === 'validation' ? 'validation' : 'train';
  return Array.from({ length: view.values.shape[0]! }, (_, r) => ({
    u: view.values.data[r * width + features[0]]!,
    v: view.values.data[r * width + features[1]]!,
    cls: frame.actual?.data[r] ?? 0,
    split,
  }));
}

/** A short fingerprint of a grid (cells per class, then the confidence sum), so tools can tell two epochs' grids apart. */
export function gridSignature(boundary: NonNullable<RunSnapshot['boundary']>): string {
  const counts: number[] = [];
  for (const c of boundary.classes.data) counts[c] = (counts[c] ?? 0) + 1;
  let confidence = 0;
  for (const v of boundary.confidence.data) confidence += v;
  return `${Array.from(counts, (n) => n ?? 0).join('/')}:${confidence}`;
}

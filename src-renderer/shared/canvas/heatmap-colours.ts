/** A tensor to draw: `data` holds `shape[0]` rows of `shape[1]` values, row by row. */
export interface Tensor2d {
  shape: readonly [number, number];
  data: Float32Array;
}

/** The value range a colour scale spans; `min === max` maps every value to the scale's middle. */
export interface ValueRange {
  min: number;
  max: number;
}

/** Colour stops, low to high, as [r, g, b] 0..255. */
export type ColourScale = readonly (readonly [number, number, number])[];

/** A diverging scale (blue, near-white, orange) for values around zero: weights, gradients, decision scores. */
export const divergingScale: ColourScale = [
  [33, 102, 172],
  [247, 247, 247],
  [214, 96, 77],
];
/** The same with a dark middle, for the dark theme. */
export const divergingScaleDark: ColourScale = [
  [103, 169, 207],
  [40, 44, 52],
  [239, 138, 98],
];

/** A tensor's finite values' range (NaN and ±Infinity are skipped); `{0, 0}` when it has none. */
export function valueRange(data: Float32Array): ValueRange {
  let min = Infinity;
  let max = -Infinity;
  for (const v of data) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min > max ? { min: 0, max: 0 } : { min, max };
}

/** A range symmetric around zero that holds `range`, so zero sits at a diverging scale's middle. */
export function symmetricRange(range: ValueRange): ValueRange {
  const m = Math.max(Math.abs(range.min), Math.abs(range.max));
  return { min: -m, max: m };
}

/** A value's colour on `scale` over `range`: clamped at the ends, linear between stops; null for NaN/±Infinity. */
export function colourOf(value: number, range: ValueRange, scale: ColourScale): readonly [number, number, number] | null {
  if (!Number.isFinite(value)) return null;
  const span = range.max - range.min;
  const t = span > 0 ? Math.min(1, Math.max(0, (value - range.min) / span)) : 0.5;
  const at = t * (scale.length - 1);
  const i = Math.min(Math.floor(at), scale.length - 2);
  const f = at - i;
  const a = scale[i]!;
  const b = scale[i + 1]!;
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/**
 * A tensor as RGBA pixels, one per value (transparent where a value is not finite), ready for `ImageData`.
 * Throws when `data` does not hold `shape[0] × shape[1]` values: a caller's mistake, named with both numbers.
 */
export function heatmapPixels(tensor: Tensor2d, range: ValueRange, scale: ColourScale): Uint8ClampedArray {
  const [h, w] = tensor.shape;
  if (!Number.isInteger(h) || !Number.isInteger(w) || h < 0 || w < 0 || tensor.data.length !== h * w) {
    throw new Error(`heatmap: shape [${h}, ${w}] needs ${h * w} values, the tensor has ${tensor.data.length}`);
  }
  const pixels = new Uint8ClampedArray(h * w * 4);
  for (let i = 0; i < tensor.data.length; i++) {
    const c = colourOf(tensor.data[i]!, range, scale);
    if (!c) continue;
    pixels[i * 4] = c[0];
    pixels[i * 4 + 1] = c[1];
    pixels[i * 4 + 2] = c[2];
    pixels[i * 4 + 3] = 255;
  }
  return pixels;
}

/** The colour scale's legend as CSS: a left-to-right gradient through the stops. */
export function scaleGradient(scale: ColourScale): string {
  return `linear-gradient(to right, ${scale.map(([r, g, b]) => `rgb(${r}, ${g}, ${b})`).join(', ')})`;
}

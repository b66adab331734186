/**
 * One sample image's pixels, (C, H, W) in [0, 1], as RGBA bytes for `ImageData` (H, W, 4): one channel is grey,
 * three are RGB, others show their first channel. Values outside [0, 1] are clamped.
 */
export function samplePixelsToRgba(pixels: ArrayLike<number>, shape: readonly [number, number, number]): Uint8ClampedArray {
  const [channels, height, width] = shape;
  const plane = height * width;
  if (pixels.length !== channels * plane) {
    throw new RangeError(`samplePixelsToRgba: ${pixels.length} pixels do not fill the shape ${channels}×${height}×${width}`);
  }
  const rgba = new Uint8ClampedArray(plane * 4); // (H, W, 4)
  const colour = channels === 3;
  for (let i = 0; i < plane; i++) {
    const r = pixels[i]!;
    rgba[i * 4] = r * 255;
    rgba[i * 4 + 1] = (colour ? pixels[plane + i]! : r) * 255;
    rgba[i * 4 + 2] = (colour ? pixels[2 * plane + i]! : r) * 255;
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}

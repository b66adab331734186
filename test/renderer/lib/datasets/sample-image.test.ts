import { describe, expect, it } from 'vitest';
import { samplePixelsToRgba } from '../../../../src-renderer/lib/datasets/sample-image';

describe('samplePixelsToRgba', () => {
  it('draws a grey image as equal RGB, opaque, clamped to [0, 255]', () => {
    // (1, 1, 3)
    expect([...samplePixelsToRgba([0, 0.5, 2], [1, 1, 3])]).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
  });

  it('reads three channels as planes: (C, H, W) to (H, W, 4)', () => {
    // (3, 1, 2): red plane [1, 0], green [0, 1], blue [0, 0]
    expect([...samplePixelsToRgba([1, 0, 0, 1, 0, 0], [3, 1, 2])]).toEqual([255, 0, 0, 255, 0, 255, 0, 255]);
  });

  it('refuses pixels that do not fill the shape', () => {
    expect(() => samplePixelsToRgba([1, 2, 3], [1, 2, 2])).toThrow(/3 pixels do not fill the shape 1×2×2/);
  });
});

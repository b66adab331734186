import { describe, expect, it } from 'vitest';
import {
  colourOf,
  divergingScale,
  heatmapPixels,
  scaleGradient,
  symmetricRange,
  valueRange,
  type ColourScale,
} from '../../../../src-renderer/shared/canvas/heatmap-colours';

const grey: ColourScale = [
  [0, 0, 0],
  [255, 255, 255],
];

describe('heatmap colours', () => {
  it('maps the ends of the range to the ends of the scale, the middle to the middle, clamping outside', () => {
    const range = { min: -1, max: 1 };
    expect(colourOf(-1, range, divergingScale)).toEqual(divergingScale[0]);
    expect(colourOf(0, range, divergingScale)).toEqual(divergingScale[1]);
    expect(colourOf(1, range, divergingScale)).toEqual(divergingScale[2]);
    expect(colourOf(-5, range, divergingScale)).toEqual(divergingScale[0]);
    expect(colourOf(9, range, divergingScale)).toEqual(divergingScale[2]);
    expect(colourOf(0.25, { min: 0, max: 1 }, grey)).toEqual([64, 64, 64]);
  });

  it('gives no colour to NaN and infinities, and the middle colour when the range is one value', () => {
    expect(colourOf(Number.NaN, { min: 0, max: 1 }, grey)).toBeNull();
    expect(colourOf(Infinity, { min: 0, max: 1 }, grey)).toBeNull();
    expect(colourOf(3, { min: 3, max: 3 }, grey)).toEqual([128, 128, 128]);
  });

  it('finds the finite range, and a symmetric one around zero', () => {
    expect(valueRange(new Float32Array([2, -0.5, Number.NaN, Infinity, 1]))).toEqual({ min: -0.5, max: 2 });
    expect(valueRange(new Float32Array([]))).toEqual({ min: 0, max: 0 });
    expect(symmetricRange({ min: -0.5, max: 2 })).toEqual({ min: -2, max: 2 });
  });

  it('lays the tensor out row by row as RGBA, transparent where a value is missing', () => {
    const pixels = heatmapPixels({ shape: [2, 2], data: new Float32Array([0, 1, Number.NaN, 0.5]) }, { min: 0, max: 1 }, grey);
    expect([...pixels]).toEqual([0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 0, 128, 128, 128, 255]);
  });

  it('names both numbers when the data does not fit the shape', () => {
    expect(() => heatmapPixels({ shape: [2, 3], data: new Float32Array(5) }, { min: 0, max: 1 }, grey)).toThrow(
      'heatmap: shape [2, 3] needs 6 values, the tensor has 5',
    );
  });

  it('draws the legend through every stop', () => {
    expect(scaleGradient(grey)).toBe('linear-gradient(to right, rgb(0, 0, 0), rgb(255, 255, 255))');
  });
});

import { describe, expect, it } from 'vitest';
import { classColour, classColours, darkPalette, lightPalette } from '../../../../src-renderer/shared/charts/chart-palette';
import { buildScatterOption } from '../../../../src-renderer/places/data/scatter-option';

/** WCAG relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const channel = (at: number): number => {
    const c = parseInt(hex.slice(at, at + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** CIELAB (D65) of `#rrggbb`, for the colour difference ΔE76. */
function lab(hex: string): [number, number, number] {
  const lin = (at: number): number => {
    const c = parseInt(hex.slice(at, at + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = [lin(1), lin(3), lin(5)];
  const f = (t: number): number => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

describe('the class palette', () => {
  it('has ten colours that are far apart (ΔE76 ≥ 25 for every pair)', () => {
    expect(classColours.length).toBeGreaterThanOrEqual(10);
    for (let i = 0; i < classColours.length; i++) {
      for (let j = i + 1; j < classColours.length; j++) {
        const [a, b] = [lab(classColours[i]!), lab(classColours[j]!)];
        expect(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]), `${classColours[i]} vs ${classColours[j]}`).toBeGreaterThanOrEqual(25);
      }
    }
  });

  it('keeps a 3:1 contrast against the light and the dark chart background', () => {
    for (const colour of classColours) {
      expect(contrast(colour, lightPalette.background), `${colour} on light`).toBeGreaterThanOrEqual(3);
      expect(contrast(colour, darkPalette.background), `${colour} on dark`).toBeGreaterThanOrEqual(3);
    }
  });

  it('gives each of the ten digit classes its own colour in the scatter legend', () => {
    const option = buildScatterOption({ id: 'd', points: [[0, 0]], labels: [0] }, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], darkPalette);
    const colours = (option.series as Array<{ color: string }>).map((s) => s.color);
    expect(new Set(colours).size).toBe(10);
    expect(colours[8]).not.toBe(colours[0]);
    expect(classColour(10)).toBe(classColour(0));
  });
});

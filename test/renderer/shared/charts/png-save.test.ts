import { describe, expect, it } from 'vitest';
import { pngSaveOf } from '../../../../src-renderer/shared/charts/png-save';
import { buildMetricsOption } from '../../../../src-renderer/places/runs/metrics-option';
import { lightPalette } from '../../../../src-renderer/shared/charts/chart-palette';

describe('pngSaveOf', () => {
  it("reads the toolbox's Save as PNG: the file name, background and pixel ratio", () => {
    const option = buildMetricsOption([], lightPalette, { active: false, accuracy: true, fileName: 'nn-lab-moons', emptyText: '' });
    expect(pngSaveOf(option)).toEqual({ fileName: 'nn-lab-moons.png', backgroundColor: lightPalette.background, pixelRatio: 2 });
  });

  it('is null for a chart without one, or with the toolbox hidden', () => {
    expect(pngSaveOf({ series: [] })).toBeNull();
    expect(pngSaveOf({ toolbox: { show: false, feature: { saveAsImage: {} } } })).toBeNull();
    expect(pngSaveOf({ toolbox: { feature: { saveAsImage: { show: false } } } })).toBeNull();
  });
});

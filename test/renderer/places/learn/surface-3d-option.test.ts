import { describe, expect, it } from 'vitest';
import { contourGrid, findSurface } from '../../../../src-core/learn/loss-surfaces';
import { defaultRaceSettings, optimizerPath, racerConfig } from '../../../../src-core/learn/optimizer-paths';
import { buildSurface3dOption, heightOf, project } from '../../../../src-renderer/places/learn/surface-3d-option';
import { lightPalette } from '../../../../src-renderer/shared/charts/chart-palette';

describe('the 3-D loss surface', () => {
  const surface = findSurface('bowl'); // x −3..3, y −2..2
  const grid = contourGrid(surface, 40, 40);

  it('projects: from straight above with no turn the plane is the screen; heights stand up when looking along it', () => {
    const top = { azimuth: 0, elevation: 90 };
    expect(project(-3, -2, 0, surface.bounds, top).map((v) => Number(v.toFixed(12)))).toEqual([-0.5, -0.5]);
    expect(project(3, 2, 0.6, surface.bounds, top).map((v) => Number(v.toFixed(12)))).toEqual([0.5, 0.5]);
    expect(project(0, 0, 0.6, surface.bounds, { azimuth: 0, elevation: 0 })).toEqual([0, 0.6]);
    // a quarter turn puts +x where +y was
    const turned = project(3, 0, 0, surface.bounds, { azimuth: 90, elevation: 90 });
    expect(turned.map((v) => Number(v.toFixed(12)))).toEqual([0, 0.5]);
  });

  it('scales heights on the log shade from 0 at the minimum to 0.6 at the top, clamping outside', () => {
    expect(heightOf(grid.min, grid)).toBe(0);
    expect(heightOf(grid.max, grid)).toBeCloseTo(0.6, 12);
    expect(heightOf(grid.max * 10, grid)).toBeCloseTo(0.6, 12);
    expect(heightOf((grid.min + grid.max) / 2, grid)).toBeGreaterThan(0.3); // log: half the value is most of the height
  });

  it('draws the wireframe as one gapped line and each path lifted onto it up to the step', () => {
    const path = optimizerPath(surface, racerConfig('adam', defaultRaceSettings(surface)), surface.start, 50);
    const option = buildSurface3dOption(surface, grid, { adam: path }, 20, { azimuth: -35, elevation: 35 }, lightPalette, 4);
    const [wire, adam] = option.series as { name: string; data: unknown[] }[];
    expect(wire!.data.filter((p) => p === null)).toHaveLength(20); // 10 rows + 10 columns
    expect(wire!.data).toHaveLength(10 * 41 + 10 * 41);
    expect(adam!.name).toBe('Adam');
    expect(adam!.data).toHaveLength(21);
  });
});

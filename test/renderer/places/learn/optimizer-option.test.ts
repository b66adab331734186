import { describe, expect, it } from 'vitest';
import { contourGrid, findSurface } from '../../../../src-core/learn/loss-surfaces';
import { optimizerRace } from '../../../../src-core/learn/optimizer-paths';
import { buildPathsOption, buildSurfaceOption, nudgeStart, pointAt, surfaceCells, raceInsets, shadeOf } from '../../../../src-renderer/places/learn/optimizer-option';
import { lightPalette } from '../../../../src-renderer/shared/charts/chart-palette';

describe('pointAt', () => {
  const bounds = findSurface('bowl').bounds; // x −3..3, y −2..2
  it('maps the plot corners to the bounds (y grows upwards) and the centre to the middle', () => {
    const w = 600 + raceInsets.left + raceInsets.right;
    const h = 400 + raceInsets.top + raceInsets.bottom;
    expect(pointAt(raceInsets.left, raceInsets.top, w, h, bounds)).toEqual([-3, 2]);
    expect(pointAt(raceInsets.left + 600, raceInsets.top + 400, w, h, bounds)).toEqual([3, -2]);
    expect(pointAt(raceInsets.left + 300, raceInsets.top + 200, w, h, bounds)).toEqual([0, 0]);
  });
  it('answers null outside the plot', () => {
    expect(pointAt(2, 50, 700, 500, bounds)).toBeNull();
    expect(pointAt(100, 499, 700, 500, bounds)).toBeNull();
  });
});

describe('nudgeStart', () => {
  const bounds = findSurface('bowl').bounds; // x −3..3, y −2..2
  it('moves the start a twentieth of the plane per arrow key (up is +y), and stops at the bounds', () => {
    expect(nudgeStart([0, 0], 'ArrowRight', bounds)).toEqual([0.3, 0]);
    expect(nudgeStart([0, 0], 'ArrowUp', bounds)).toEqual([0, 0.2]);
    expect(nudgeStart([-2.9, -1.9], 'ArrowLeft', bounds)).toEqual([-3, -1.9]);
    expect(nudgeStart([-2.9, -1.9], 'ArrowDown', bounds)).toEqual([-2.9, -2]);
  });
  it('answers null for any other key', () => {
    expect(nudgeStart([0, 0], 'Enter', bounds)).toBeNull();
  });
});

describe('buildSurfaceOption / buildPathsOption', () => {
  const surface = findSurface('rosenbrock');
  const grid = contourGrid(surface, 40, 40);
  const race = optimizerRace(surface, surface.start, 100);

  it('shades every grid cell, on a log scale from the minimum', () => {
    const option = buildSurfaceOption(surface, grid, surfaceCells(grid), lightPalette, false);
    const series = option.series as { type: string; data: unknown[] }[];
    expect(series[0]!.type).toBe('heatmap');
    expect(series[0]!.data).toHaveLength(40 * 40);
    expect(shadeOf(grid.min, grid)).toBeLessThan(shadeOf(grid.max, grid));
  });

  it('draws each racer up to the step asked, ending at the path’s point there', () => {
    const option = buildPathsOption(surface, { sgd: race.sgd, adam: race.adam }, 10);
    const lines = (option.series as { type: string; name: string; data: number[][]; markPoint: { data: { coord: number[] }[] } }[]).filter((s) => s.type === 'line');
    expect(lines.map((l) => l.name)).toEqual(['SGD', 'Adam']);
    expect(lines[1]!.data).toHaveLength(11);
    expect(lines[1]!.data[0]).toEqual([surface.start[0], surface.start[1]]);
    expect(lines[1]!.markPoint.data[0]!.coord).toEqual([race.adam.x[10], race.adam.y[10]]);
  });
});

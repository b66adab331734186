import { describe, expect, it } from 'vitest';
import { gateData, GateRace } from '../../../../src-core/learn/perceptron-vs-mlp';
import { classOneProbability, gatePoints } from '../../../../src-renderer/places/learn/gate-frames';
import { buildBoundaryOption, buildGateAccuracyOption } from '../../../../src-renderer/places/learn/gate-option';
import { lightPalette } from '../../../../src-renderer/shared/charts/chart-palette';

describe('the XOR explorer’s frames and charts', () => {
  const race = new GateRace('xor');
  for (let e = 0; e < 50; e++) race.step();
  const grids = race.boundaries(20);
  const mlp = classOneProbability(grids.mlp);
  const at = (p: Float32Array, a: number, b: number) => p[Math.floor(((b + 0.5) / 2) * 20) * 20 + Math.floor(((a + 0.5) / 2) * 20)]!;

  it('reads P(class 1) from the boundary grid: the MLP says 1 at (0,1) and (1,0), 0 at (0,0) and (1,1)', () => {
    expect([at(mlp, 0, 0), at(mlp, 0, 1), at(mlp, 1, 0), at(mlp, 1, 1)].map((p) => (p > 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0]);
  });

  it('draws every cell and the training points split by class', () => {
    const points = gatePoints(gateData('xor').train);
    expect(points).toHaveLength(gateData('xor').train.rows);
    const series = buildBoundaryOption(mlp, 20, points, lightPalette).series as { type: string; data: unknown[] }[];
    expect(series[0]!.data).toHaveLength(400);
    expect(series[1]!.data.length + series[2]!.data.length).toBe(points.length);
    expect(series[1]!.data.length).toBeGreaterThan(0);
  });

  it('labels the plane’s edges only where they fall on the half-unit grid, so −1.8 never crowds the tick at −2', () => {
    const labels = (min: [number, number], max: [number, number]) =>
      (buildBoundaryOption(mlp, 20, [], lightPalette, { min, max }).xAxis as { axisLabel?: { showMinLabel: boolean; showMaxLabel: boolean } }[])[1]!.axisLabel;
    expect(labels([-0.5, -0.5], [1.5, 1.5])).toMatchObject({ showMinLabel: true, showMaxLabel: true });
    expect(labels([-1.8, -1.3], [2.8, 1.8])).toMatchObject({ showMinLabel: false, showMaxLabel: false });
  });

  it('plots both accuracies per epoch in percent', () => {
    const option = buildGateAccuracyOption([0.5, 0.75], [0.5, 1], 50, lightPalette);
    const series = option.series as { name: string; data: number[][] }[];
    expect(series.map((s) => s.name)).toEqual(['Perceptron', '2-4-1 MLP']);
    expect(series[1]!.data).toEqual([[1, 50], [2, 100]]);
  });
});

import { describe, expect, it } from 'vitest';
import { Adam, Sgd } from '../../../src-core/nn/optimizers';
import {
  contourGrid, defaultRaceSettings, findSurface, logLevels, lossSurfaces, optimizerPath, optimizerRace, racerConfig, racerNames,
} from '../../../src-core/learn/index';

describe('loss surfaces', () => {
  it('have gradients that match their values (central differences)', () => {
    const g = new Float64Array(2);
    for (const s of lossSurfaces) {
      for (const [x, y] of [[0.3, -0.7], [1.2, 0.4], [-1.1, 1.6]] as const) {
        s.gradient(x, y, g);
        const h = 1e-6;
        expect(g[0]).toBeCloseTo((s.value(x + h, y) - s.value(x - h, y)) / (2 * h), 4);
        expect(g[1]).toBeCloseTo((s.value(x, y + h) - s.value(x, y - h)) / (2 * h), 4);
      }
      for (const [x, y] of s.minima) {
        s.gradient(x, y, g);
        expect(Math.hypot(g[0]!, g[1]!)).toBeLessThan(1e-3);
      }
    }
  });

  it('contour grid: values at cell centres, log-spaced levels between min and max', () => {
    const s = findSurface('bowl');
    const grid = contourGrid(s, 4, 2, 5);
    expect(Array.from(grid.xs)).toEqual([-2.25, -0.75, 0.75, 2.25]);
    expect(Array.from(grid.ys)).toEqual([-1, 1]);
    expect(grid.values[1 * 4 + 0]).toBe(s.value(-2.25, 1));
    expect(grid.levels.length).toBe(5);
    expect(grid.levels[4]).toBeCloseTo(grid.max, 9);
    const gaps = grid.levels.map((l) => l - grid.min);
    expect(gaps[1]! / gaps[0]!).toBeCloseTo(gaps[2]! / gaps[1]!, 9);
    expect(logLevels(1, 1, 3)).toEqual([]);
  });
});

describe('optimizer paths', () => {
  it('a path equals stepping the core optimizer class by hand', () => {
    const s = findSurface('rosenbrock');
    const path = optimizerPath(s, { type: 'sgd', lr: 0.0005, momentum: 0.9, nesterov: true }, [-1.5, 2], 50);
    const p = Float64Array.from([-1.5, 2]);
    const g = new Float64Array(2);
    const sgd = new Sgd({ type: 'sgd', lr: 0.0005, momentum: 0.9, nesterov: true }, 2, Float64Array);
    for (let t = 0; t < 50; t++) {
      expect([path.x[t], path.y[t]]).toEqual([p[0], p[1]]);
      s.gradient(p[0]!, p[1]!, g);
      sgd.step(p, g, 0.0005);
    }
    expect([path.x[50], path.y[50]]).toEqual([p[0], p[1]]);

    const adamPath = optimizerPath(s, { type: 'adamw', lr: 0.05, betas: [0.8, 0.99], weight_decay: 0.1 }, [0, 0], 20);
    const q = Float64Array.from([0, 0]);
    const adam = new Adam({ type: 'adamw', lr: 0.05, betas: [0.8, 0.99], weight_decay: 0.1 }, 2, Float64Array);
    for (let t = 0; t < 20; t++) {
      s.gradient(q[0]!, q[1]!, g);
      adam.step(q, g, 0.05);
    }
    expect([adamPath.x[20], adamPath.y[20]]).toEqual([q[0], q[1]]);
    expect(adamPath.value[20]).toBe(s.value(q[0]!, q[1]!));
  });

  it('reports divergence instead of throwing', () => {
    const path = optimizerPath(findSurface('bowl'), { type: 'sgd', lr: 0.2 }, [1, 1], 500);
    expect(path.divergedAt).not.toBeNull();
    expect(path.x.length).toBe(path.divergedAt);
    expect(path.x.every(Number.isFinite)).toBe(true);
  });

  it('with the default settings every racer stays on every surface and gets lower (300 steps, ~5 ms for all)', () => {
    for (const s of lossSurfaces) {
      const race = optimizerRace(s, s.start, 300);
      for (const name of racerNames) {
        const path = race[name];
        expect(path.divergedAt, `${s.id} ${name}`).toBeNull();
        expect(path.value[300]!, `${s.id} ${name}`).toBeLessThan(path.value[0]!);
      }
      expect(racerConfig('nesterov', defaultRaceSettings(s))).toMatchObject({ type: 'sgd', momentum: 0.9, nesterov: true });
    }
    // On the ill-conditioned bowl momentum beats plain SGD's zig-zag.
    const bowl = optimizerRace(findSurface('bowl'), [-2.5, 1.5], 100);
    expect(bowl.momentum.value[100]!).toBeLessThan(bowl.sgd.value[100]!);
  });
});

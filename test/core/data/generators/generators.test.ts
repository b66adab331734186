import { describe, expect, it } from 'vitest';
import { generateDataset, generators } from '../../../../src-core/data/generators/index';

describe('dataset generators', () => {
  it.each(generators.map((g) => [g.id, g] as const))('%s: right shape, seeded, labels in range', (_id, info) => {
    const a = info.generate({ samples: 120, noise: info.noise.default, seed: 11 });
    const b = info.generate({ samples: 120, noise: info.noise.default, seed: 11 });
    const c = info.generate({ samples: 120, noise: info.noise.default, seed: 12 });
    const width = info.inputShape[0]!;
    expect(a.rows).toBe(120);
    expect(a.x.length).toBe(120 * width);
    expect(a.y.length).toBe(120);
    const all = (d: typeof a) => [...d.x, ...d.y];
    expect(all(a)).toEqual(all(b));
    expect(all(a)).not.toEqual(all(c));
    expect(a.x.every(Number.isFinite)).toBe(true);
    if (info.task === 'classification') {
      const counts = info.classes!.map((_, k) => a.y.filter((v) => v === k).length);
      expect(counts.reduce((s, n) => s + n, 0)).toBe(120);
      for (const n of counts) expect(n).toBeGreaterThan(0);
    }
  });

  it('labels the logic gates by the corner each point comes from', () => {
    const truth = { and: [0, 0, 0, 1], or: [0, 1, 1, 1], xor: [0, 1, 1, 0] } as const;
    for (const gate of ['and', 'or', 'xor'] as const) {
      const data = generateDataset(gate, { samples: 8, noise: 0, seed: 1 });
      for (let i = 0; i < 8; i++) {
        const corner = data.x[i * 2]! + 2 * data.x[i * 2 + 1]!;
        expect(data.y[i], `${gate} at corner ${corner}`).toBe(truth[gate][corner]);
      }
    }
  });

  it('draws the regression curves exactly without noise', () => {
    const line = generateDataset('linear', { samples: 5, noise: 0, seed: 1 });
    expect(Array.from(line.x)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(Array.from(line.y)).toEqual([-1, 0, 1, 2, 3]);
    const sine = generateDataset('sine', { samples: 5, noise: 0, seed: 1 });
    expect(Array.from(sine.y).map((v) => Number(v.toFixed(6)))).toEqual([-0, -1, 0, 1, 0]);
  });

  it('puts the inner circle at radius 0.5 and the outer at 1', () => {
    const data = generateDataset('circles', { samples: 10, noise: 0, seed: 1 });
    for (let i = 0; i < 10; i++) {
      const r = Math.hypot(data.x[i * 2]!, data.x[i * 2 + 1]!);
      expect(r).toBeCloseTo(data.y[i] === 1 ? 0.5 : 1, 5);
    }
  });

  it('refuses parameters outside their range and unknown names', () => {
    expect(() => generateDataset('xor', { samples: 2, seed: 1 })).toThrow(/samples must be an integer between 4 and 100000/);
    expect(() => generateDataset('xor', { noise: 9, seed: 1 })).toThrow(/noise/);
    expect(() => generateDataset('nope', { seed: 1 })).toThrow(/no generated dataset 'nope'/);
  });
});

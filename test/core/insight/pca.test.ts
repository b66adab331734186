import { describe, expect, it } from 'vitest';
import { Random } from '../../../src-core/data/random';
import { pca2 } from '../../../src-core/insight/index';

/** Rows of mean + a·e1 + b·e2 + c·e3 with a, b, c of standard deviations 3, 1, 0.1 and e an orthonormal basis of R³. */
function sample(rows: number, seed: number) {
  const s = Math.SQRT1_2;
  const e = [
    [s, s, 0],
    [-s, s, 0],
    [0, 0, 1],
  ];
  const sd = [3, 1, 0.1];
  const mean = [10, -5, 2];
  const rng = new Random(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const x = new Float32Array(rows * 3);
  for (let r = 0; r < rows; r++) {
    const z = sd.map((d) => d * normal());
    for (let f = 0; f < 3; f++) x[r * 3 + f] = mean[f]! + z.reduce((acc, v, k) => acc + v * e[k]![f]!, 0);
  }
  return { x, e };
}

describe('pca2', () => {
  it('finds the directions and variances the data was drawn with, unit length, orthogonal, signs fixed', () => {
    const { x, e } = sample(4000, 1);
    const p = pca2(x, 4000, 3);
    const pc = (k: number): number[] => Array.from(p.components.subarray(k * 3, k * 3 + 3));
    // Largest-magnitude entry positive.
    for (const k of [0, 1]) expect(pc(k).reduce((a, v) => (Math.abs(v) > Math.abs(a) ? v : a), 0)).toBeGreaterThan(0);
    expect(Math.abs(pc(0).reduce((a, v, i) => a + v * e[0]![i]!, 0))).toBeCloseTo(1, 3);
    expect(Math.abs(pc(1).reduce((a, v, i) => a + v * e[1]![i]!, 0))).toBeCloseTo(1, 3);
    expect(pc(0).reduce((a, v, i) => a + v * pc(1)[i]!, 0)).toBeCloseTo(0, 10);
    expect(Math.sqrt(p.variance[0])).toBeCloseTo(3, 1);
    expect(Math.sqrt(p.variance[1])).toBeCloseTo(1, 1);
    expect(p.varianceRatio[0] + p.varianceRatio[1]).toBeCloseTo(10 / 10.01, 2);
    expect(Array.from(p.mean).map((v) => Math.round(v))).toEqual([10, -5, 2]);
  });

  it('projects each row on the components (centred scores) and gives the same numbers every time', () => {
    const { x } = sample(200, 2);
    const p = pca2(x, 200, 3);
    for (const r of [0, 57, 199]) {
      for (let k = 0; k < 2; k++) {
        let s = 0;
        for (let f = 0; f < 3; f++) s += (x[r * 3 + f]! - p.mean[f]!) * p.components[k * 3 + f]!;
        expect(p.projected[r * 2 + k]).toBeCloseTo(s, 4);
      }
    }
    expect(pca2(x, 200, 3)).toEqual(p);
    // Negating the data keeps the components (the sign convention) and negates the scores.
    const flipped = pca2(x.map((v) => -v), 200, 3);
    expect(Array.from(flipped.components)).toEqual(Array.from(p.components).map((v) => expect.closeTo(v, 6)));
    expect(flipped.projected[0]).toBeCloseTo(-p.projected[0]!, 4);
  });

  it('finds the largest variance even when it is orthogonal to where the search starts', () => {
    // The search starts along (1, 1.5) (1 + f/features); put the smaller variance exactly there.
    const u1 = [1.5 / Math.hypot(1.5, 1), -1 / Math.hypot(1.5, 1)];
    const u2 = [1 / Math.hypot(1, 1.5), 1.5 / Math.hypot(1, 1.5)];
    const x = new Float64Array(8);
    [3, -3, 0, 0].forEach((a, i) => {
      const b = [0, 0, 1, -1][i]!;
      x[i * 2] = a * u1[0]! + b * u2[0]!;
      x[i * 2 + 1] = a * u1[1]! + b * u2[1]!;
    });
    const p = pca2(x, 4, 2);
    expect(p.variance[0]).toBeCloseTo(6, 10);
    expect(p.variance[1]).toBeCloseTo(2 / 3, 10);
    expect(Math.abs(p.components[0]! * u1[0]! + p.components[1]! * u1[1]!)).toBeCloseTo(1, 10);
  });

  it('handles a single feature, rank-one data and refuses a matrix of the wrong size', () => {
    const one = pca2(new Float32Array([1, 2, 3, 4]), 4, 1);
    expect(Array.from(one.components)).toEqual([1, 0]);
    expect(one.variance).toEqual([5 / 3, 0]);
    const line = pca2(new Float32Array([0, 0, 1, 2, 2, 4]), 3, 2); // all on y = 2x
    expect(line.variance[1]).toBeCloseTo(0, 10);
    expect(Math.hypot(line.components[2]!, line.components[3]!)).toBeCloseTo(1, 10);
    expect(line.components[0]! * line.components[2]! + line.components[1]! * line.components[3]!).toBeCloseTo(0, 10);
    expect(() => pca2(new Float32Array(5), 2, 3)).toThrow('pca: 5 values are not 2 rows of 3');
  });
});

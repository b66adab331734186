import { describe, expect, it } from 'vitest';
import { Random } from '../../../src-core/data/random';

describe('Random', () => {
  it('draws mulberry32’s numbers: a seed gives the numbers it always gave (stored runs replay)', () => {
    const draws = (seed: number): number[] => {
      const r = new Random(seed);
      return [r.next(), r.next(), r.normal(), r.int(1000)];
    };
    expect(draws(0)).toEqual([0.26642920868471265, 0.0003297457005828619, 1.050995844218513, 467]);
    expect(draws(42)).toEqual([0.6011037519201636, 0.44829055899754167, -0.2730261048826104, 174]);
    expect(draws(2 ** 32 - 1)).toEqual([0.8964226141106337, 0.189478256739676, 0.7679884283523308, 845]);
  });

  it('continues from its state exactly', () => {
    const a = new Random(7);
    for (let i = 0; i < 12345; i++) a.next();
    const b = new Random(a.state);
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(Array.from({ length: 100 }, () => a.next()));
  });
});

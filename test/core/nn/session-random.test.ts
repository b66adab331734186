import { describe, expect, it } from 'vitest';
import { Random } from '../../../src-core/data/random';
import { SessionRandom, restoreOrder } from '../../../src-core/nn/session-random';

describe('SessionRandom', () => {
  it('draws the same numbers as Random for the same seed (so seeded runs keep their numbers)', () => {
    for (const seed of [0, 1, 42, 2 ** 32 - 1, 0x9e3779b9]) {
      const plain = new Random(seed);
      const session = new SessionRandom(seed);
      for (let i = 0; i < 1000; i++) expect(session.next()).toBe(plain.next());
      expect(session.normal()).toBe(plain.normal());
      expect(session.int(1000)).toBe(plain.int(1000));
    }
  });

  it('continues from its state exactly', () => {
    const a = new SessionRandom(7);
    for (let i = 0; i < 12345; i++) a.next();
    const b = new SessionRandom(a.state);
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(Array.from({ length: 100 }, () => a.next()));
  });

  it('restores a row order only when it is a permutation of the rows', () => {
    const order = new Int32Array(4);
    restoreOrder(order, Int32Array.of(2, 0, 3, 1));
    expect(Array.from(order)).toEqual([2, 0, 3, 1]);
    expect(() => restoreOrder(order, Int32Array.of(2, 0, 2, 1))).toThrow('not a permutation');
    expect(() => restoreOrder(order, Int32Array.of(0, 1, 2, 4))).toThrow('not a permutation');
  });
});

import { Random } from '../data/random';

/**
 * The lab's generator (mulberry32, the same numbers as `Random` for the same seed) with a readable state,
 * so a continued run draws what an uninterrupted one would: `new SessionRandom(r.state)` continues r.
 * The state lives in a Uint32Array: a uint32 in a plain field is a heap number above 2^30, and V8 would
 * allocate one per draw (a dropout layer draws one per activation).
 */
export class SessionRandom extends Random {
  private readonly cell = new Uint32Array(1);

  constructor(state: number) {
    super(state);
    this.cell[0] = state >>> 0;
  }

  /** The generator's state (a uint32). */
  get state(): number {
    return this.cell[0]!;
  }

  /** Uniform in [0, 1): mulberry32, as Random.next. */
  override next(): number {
    const cell = this.cell;
    cell[0] = cell[0]! + 0x6d2b79f5;
    let t = cell[0]!;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

/** Takes over a saved row order, which must be a permutation of the training rows. */
export function restoreOrder(order: Int32Array, saved: Int32Array): void {
  const seen = new Uint8Array(order.length);
  if (saved.length !== order.length) throw new Error(`rng state: the row order has ${saved.length} rows, the training data ${order.length}`);
  for (const row of saved) {
    if (!(row >= 0 && row < order.length) || seen[row]) throw new Error('rng state: the row order is not a permutation of the training rows');
    seen[row] = 1;
  }
  order.set(saved);
}

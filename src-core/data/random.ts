/**
 * A small, fast, seedable generator (mulberry32). One instance drives everything random in a run,
 * so the same seed gives the same numbers on every machine. Its state is readable, so a continued run draws
 * what an uninterrupted one would: `new Random(r.state)` continues r. The state lives in a Uint32Array: a
 * uint32 in a plain field is a heap number above 2^30, and V8 would allocate one per draw (a dropout layer
 * draws one per activation).
 */
export class Random {
  private readonly cell = new Uint32Array(1);

  constructor(seed: number) {
    this.cell[0] = seed >>> 0;
  }

  /** The generator's state (a uint32). */
  get state(): number {
    return this.cell[0]!;
  }

  /** Uniform in [0, 1). */
  next(): number {
    const cell = this.cell;
    cell[0] = cell[0]! + 0x6d2b79f5;
    let t = cell[0]!;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

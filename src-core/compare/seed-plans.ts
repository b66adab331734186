/** Seeds for repeats: "Repeat with N seeds" and paired A/B plans, deterministic so a plan can be shown before it runs. */

/** A config with a training seed: a run draft, a run config file, anything whose `train.seed` sets the seed. */
export interface Seeded {
  name?: string;
  train: { seed?: number };
}

/**
 * `count` distinct seeds in [0, 2³² − 1] drawn from `base` by a fixed hash (splitmix32 on base + i), skipping every
 * seed in `avoid` (those already run). The same base and avoid list give the same seeds on every machine.
 */
export function freshSeeds(count: number, base = 0, avoid: Iterable<number> = []): number[] {
  const used = new Set(avoid);
  const seeds: number[] = [];
  for (let i = 1; seeds.length < count; i++) {
    const seed = splitmix32((base >>> 0) + Math.imul(i, 0x9e3779b9));
    if (used.has(seed)) continue;
    used.add(seed);
    seeds.push(seed);
  }
  return seeds;
}

function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** The config with another seed; a name gets " · seed N" so the copies tell apart in the run list. */
export function withSeed<C extends Seeded>(config: C, seed: number): C {
  const copy = { ...config, train: { ...config.train, seed } };
  if (typeof config.name === 'string') copy.name = `${config.name} · seed ${seed}`;
  return copy;
}

/**
 * "Repeat with N seeds": N copies of a config with fresh seeds drawn from its own seed, avoiding its seed and `avoid`.
 * The copies differ only by seed, so they form one seed group.
 */
export function repeatWithSeeds<C extends Seeded>(config: C, count: number, avoid: Iterable<number> = []): C[] {
  const own = config.train.seed ?? 0;
  return freshSeeds(count, own, [own, ...avoid]).map((seed) => withSeed(config, seed));
}

/** A paired A/B plan: both arms run the same seeds, so seed i of A and seed i of B start from the same weights and batch order. */
export interface PairedPlan<C extends Seeded> {
  seeds: number[];
  a: C[];
  b: C[];
}

/** Paired A/B: `count` fresh seeds (drawn from A's seed) given to both configs, in the same order. */
export function pairedAB<C extends Seeded>(configA: C, configB: C, count: number, avoid: Iterable<number> = []): PairedPlan<C> {
  const seeds = freshSeeds(count, configA.train.seed ?? 0, avoid);
  return { seeds, a: seeds.map((s) => withSeed(configA, s)), b: seeds.map((s) => withSeed(configB, s)) };
}

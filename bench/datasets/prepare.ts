import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { twoMoons } from '../../src-core/data/generators/two-moons';
import { Random } from '../../src-core/data/random';
import { parseFashionCsv } from './fashion-csv-parse';
import {
  cacheDir,
  dataDir,
  fashionCsv,
  fashionLabelsU8,
  fashionPixelsF32,
  twoMoonsLabelsF32,
  twoMoonsPointsF32,
  type FashionSplit,
} from './paths';

/** The two-moons set every engine trains on. */
export const twoMoonsOptions = { samples: 1000, noise: 0.1, seed: 7 };

const csvScript = '/work/shared/datasets/fashion-mnist-csv.mjs';

const isFresh = (target: string, source: string): boolean =>
  existsSync(target) && statSync(target).mtimeMs >= statSync(source).mtimeMs;

/** Writes the CSVs (once) and their binary caches (once per CSV change); returns a log of what it did. */
export function prepareFashion(log: (line: string) => void): void {
  mkdirSync(cacheDir, { recursive: true });
  if (!existsSync(fashionCsv('train')) || !existsSync(fashionCsv('test'))) {
    log(`writing Fashion-MNIST CSVs into ${dataDir} (node ${csvScript})`);
    execFileSync(process.execPath, [csvScript, dataDir], { stdio: 'inherit' });
  }
  for (const split of ['train', 'test'] as FashionSplit[]) {
    const csv = fashionCsv(split);
    if (isFresh(fashionPixelsF32(split), csv) && isFresh(fashionLabelsU8(split), csv)) continue;
    const started = performance.now();
    const parsed = parseFashionCsv(readFileSync(csv), csv);
    writeFileSync(fashionPixelsF32(split), parsed.pixels);
    writeFileSync(fashionLabelsU8(split), parsed.labels);
    log(`cached ${parsed.rows} ${split} images as float32 in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

/** Exports the two-moons points, shuffled once with a fixed seed, so every engine (and Python) reads the same file. */
export function prepareTwoMoons(): void {
  mkdirSync(cacheDir, { recursive: true });
  const moons = twoMoons(twoMoonsOptions);
  const order = Array.from({ length: moons.rows }, (_, i) => i);
  const rng = new Random(twoMoonsOptions.seed + 1);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const x = new Float32Array(moons.rows * 2); // (rows, 2)
  const y = new Float32Array(moons.rows); // (rows,)
  order.forEach((from, to) => {
    x[to * 2] = moons.x[from * 2]!;
    x[to * 2 + 1] = moons.x[from * 2 + 1]!;
    y[to] = moons.y[from]!;
  });
  writeFileSync(twoMoonsPointsF32, x);
  writeFileSync(twoMoonsLabelsF32, y);
}

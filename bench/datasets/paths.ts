import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Where the bench keeps generated data: both folders are gitignored. */
export const benchDir = fileURLToPath(new URL('..', import.meta.url));
export const repoDir = join(benchDir, '..');
export const dataDir = join(benchDir, 'data');
export const cacheDir = join(benchDir, '.cache');
export const resultsDir = join(benchDir, 'results');

export type FashionSplit = 'train' | 'test';

export const fashionCsv = (split: FashionSplit): string => join(dataDir, `fashion-mnist_${split}.csv`);
/** (rows, 784) float32 pixels already divided by 255. */
export const fashionPixelsF32 = (split: FashionSplit): string => join(cacheDir, `fashion-${split}-x.f32`);
/** (rows,) uint8 class labels. */
export const fashionLabelsU8 = (split: FashionSplit): string => join(cacheDir, `fashion-${split}-y.u8`);
/** (1000, 2) float32 points, shuffled once. */
export const twoMoonsPointsF32 = join(cacheDir, 'two-moons-x.f32');
/** (1000,) float32 labels 0/1. */
export const twoMoonsLabelsF32 = join(cacheDir, 'two-moons-y.f32');

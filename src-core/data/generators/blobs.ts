import type { TensorData } from '../training-data';
import { Random } from '../random';
import type { GeneratorParams } from './generator-params';

/** Gaussian blobs: `classes` centres evenly on a circle of radius 2, each point N(centre, noise²). */
export function blobs(options: GeneratorParams & { classes?: number }): TensorData {
  const { samples, noise, seed } = options;
  const classes = options.classes ?? 3;
  const rng = new Random(seed);
  const x = new Float32Array(samples * 2); // (samples, 2)
  const y = new Float32Array(samples); // (samples, 1): class index
  for (let i = 0; i < samples; i++) {
    const cls = i % classes;
    const angle = (2 * Math.PI * cls) / classes;
    x[i * 2] = 2 * Math.cos(angle) + noise * rng.normal();
    x[i * 2 + 1] = 2 * Math.sin(angle) + noise * rng.normal();
    y[i] = cls;
  }
  return { x, y, rows: samples };
}

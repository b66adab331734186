import type { TensorData } from '../training-data';
import { Random } from '../random';
import type { GeneratorParams } from './generator-params';

/** Two interleaving half circles (scikit-learn's make_moons): class 0 on top, class 1 below. */
export function twoMoons(options: GeneratorParams): TensorData {
  const { samples, noise, seed } = options;
  const rng = new Random(seed);
  const x = new Float32Array(samples * 2); // (samples, 2)
  const y = new Float32Array(samples); // (samples, 1): class index
  const outer = Math.ceil(samples / 2);
  for (let i = 0; i < samples; i++) {
    const upper = i < outer;
    const t = Math.PI * (upper ? i / Math.max(outer - 1, 1) : (i - outer) / Math.max(samples - outer - 1, 1));
    const px = upper ? Math.cos(t) : 1 - Math.cos(t);
    const py = upper ? Math.sin(t) : 0.5 - Math.sin(t);
    x[i * 2] = px + noise * rng.normal();
    x[i * 2 + 1] = py + noise * rng.normal();
    y[i] = upper ? 0 : 1;
  }
  return { x, y, rows: samples };
}

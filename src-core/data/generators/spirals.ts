import type { TensorData } from '../training-data';
import { Random } from '../random';
import type { GeneratorParams } from './generator-params';

/** Two interleaved spirals of 1.5 turns each, radius 0 to 1; class 1 is class 0 turned by half a circle. */
export function spirals(options: GeneratorParams): TensorData {
  const { samples, noise, seed } = options;
  const rng = new Random(seed);
  const x = new Float32Array(samples * 2); // (samples, 2)
  const y = new Float32Array(samples); // (samples, 1): class index
  const half = Math.ceil(samples / 2);
  for (let i = 0; i < samples; i++) {
    const cls = i < half ? 0 : 1;
    const k = cls === 0 ? i : i - half;
    const count = cls === 0 ? half : samples - half;
    const r = (k + 1) / Math.max(count, 1);
    const angle = 3 * Math.PI * r + cls * Math.PI;
    x[i * 2] = r * Math.cos(angle) + noise * rng.normal();
    x[i * 2 + 1] = r * Math.sin(angle) + noise * rng.normal();
    y[i] = cls;
  }
  return { x, y, rows: samples };
}

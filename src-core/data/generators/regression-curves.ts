import type { TensorData } from '../training-data';
import { Random } from '../random';
import type { GeneratorParams } from './generator-params';

/** One input x, evenly spaced over [from, to], and y = f(x) + N(0, noise²). */
function curve(options: GeneratorParams, from: number, to: number, f: (x: number) => number): TensorData {
  const { samples, noise, seed } = options;
  const rng = new Random(seed);
  const x = new Float32Array(samples); // (samples, 1)
  const y = new Float32Array(samples); // (samples, 1)
  for (let i = 0; i < samples; i++) {
    const v = from + ((to - from) * i) / Math.max(samples - 1, 1);
    x[i] = v;
    y[i] = f(v) + noise * rng.normal();
  }
  return { x, y, rows: samples };
}

/** y = 2x + 1 over [-1, 1]. */
export const linearRegression = (options: GeneratorParams): TensorData => curve(options, -1, 1, (v) => 2 * v + 1);

/** y = sin(x) over [-π, π]. */
export const sineRegression = (options: GeneratorParams): TensorData => curve(options, -Math.PI, Math.PI, Math.sin);

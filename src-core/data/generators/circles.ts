import type { TensorData } from '../training-data';
import { Random } from '../random';
import type { GeneratorParams } from './generator-params';

/** Two concentric circles (scikit-learn's make_circles, factor 0.5): class 0 outside, class 1 inside. */
export function circles(options: GeneratorParams): TensorData {
  const { samples, noise, seed } = options;
  const rng = new Random(seed);
  const x = new Float32Array(samples * 2); // (samples, 2)
  const y = new Float32Array(samples); // (samples, 1): class index
  const outer = Math.ceil(samples / 2);
  for (let i = 0; i < samples; i++) {
    const inner = i >= outer;
    const k = inner ? i - outer : i;
    const count = inner ? samples - outer : outer;
    const angle = (2 * Math.PI * k) / Math.max(count, 1);
    const radius = inner ? 0.5 : 1;
    x[i * 2] = radius * Math.cos(angle) + noise * rng.normal();
    x[i * 2 + 1] = radius * Math.sin(angle) + noise * rng.normal();
    y[i] = inner ? 1 : 0;
  }
  return { x, y, rows: samples };
}

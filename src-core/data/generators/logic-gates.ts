import type { TensorData } from '../training-data';
import { Random } from '../random';
import type { GeneratorParams } from './generator-params';

export type LogicGate = 'and' | 'or' | 'xor';

const gates: Record<LogicGate, (a: number, b: number) => number> = {
  and: (a, b) => a & b,
  or: (a, b) => a | b,
  xor: (a, b) => a ^ b,
};

/** The four corners of the unit square in turn, jittered by `noise`; the label is the gate of the corner's bits. */
export function logicGate(gate: LogicGate, options: GeneratorParams): TensorData {
  const { samples, noise, seed } = options;
  const rng = new Random(seed);
  const x = new Float32Array(samples * 2); // (samples, 2)
  const y = new Float32Array(samples); // (samples, 1): 0 or 1
  for (let i = 0; i < samples; i++) {
    const a = i & 1;
    const b = (i >> 1) & 1;
    x[i * 2] = a + noise * rng.normal();
    x[i * 2 + 1] = b + noise * rng.normal();
    y[i] = gates[gate](a, b);
  }
  return { x, y, rows: samples };
}

export const andGate = (options: GeneratorParams): TensorData => logicGate('and', options);
export const orGate = (options: GeneratorParams): TensorData => logicGate('or', options);
export const xorGate = (options: GeneratorParams): TensorData => logicGate('xor', options);

import { z } from 'zod';

/**
 * The largest sizes a config may ask for. Each keeps a single allocation well inside what a typed array can hold
 * (2^32 elements) and a network's training state inside a desktop's memory; the machine's own memory is checked
 * before a run starts (src-core/nn/memory-estimate.ts).
 */
export const sizeLimits = {
  /** One input dimension: features of a table, or C, H, W of an image. */
  inputDim: 1 << 24,
  units: 65_536,
  filters: 65_536,
  /** Kernel, pooling window, stride, padding. */
  window: 4_096,
  layers: 1_000,
  batchSize: 1 << 20,
  epochs: 100_000,
  /** One tensor (a layer's weight) and all the parameters together. */
  tensorValues: 1 << 30,
  parameters: 1 << 30,
  /** One layer's output for a whole batch: the largest activation buffer. */
  activationValues: 1 << 30,
} as const;

/** 65536 → "65,536". */
export function groupDigits(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A positive whole number of at most `max` `what`: the message names the limit. */
export function boundedCount(max: number, what: string): z.ZodNumber {
  return z.number().int().positive().max(max, `at most ${groupDigits(max)} ${what}`);
}

import { z } from 'zod';

/**
 * A sweep: a grid or random search over hyperparameters of a base config, each point repeated over seeds.
 * Parameters are dot paths into the base (`train.optimizer.lr`, `spec.layers.0.units`). See docs/FORMATS.md.
 */

const scalar = z.union([z.number(), z.string(), z.boolean()]);

/** A range: `steps` evenly spaced values for a grid (log-spaced with scale "log"), or sampled for a random search. */
export const sweepRangeSchema = z
  .strictObject({
    min: z.number(),
    max: z.number(),
    scale: z.enum(['linear', 'log']).optional(),
    steps: z.number().int().min(2).max(100).optional(),
    integer: z.boolean().optional(),
  })
  .refine((r) => r.max >= r.min, { message: 'max must be at least min' })
  .refine((r) => r.scale !== 'log' || r.min > 0, { message: 'a log scale needs min > 0' });
export type SweepRange = z.infer<typeof sweepRangeSchema>;

export const sweepParameterSchema = z.union([z.array(scalar).min(1).max(100), sweepRangeSchema]);
export type SweepParameter = z.infer<typeof sweepParameterSchema>;

export const sweepSpecSchema = z.strictObject({
  strategy: z.enum(['grid', 'random']),
  /** Dot path into the base config → the values it takes. */
  parameters: z.record(z.string().regex(/^[A-Za-z_][\w]*(\.[\w]+)*$/, 'a dot path such as train.optimizer.lr'), sweepParameterSchema),
  /** Random search: how many points to draw. */
  samples: z.number().int().positive().max(1000).optional(),
  /** Seed of the random search's draws (not of training). */
  seed: z.number().int().nonnegative().max(2 ** 32 - 1).optional(),
  /** Training seeds: every point runs once per seed. Default [0]. */
  seeds: z.array(z.number().int().nonnegative().max(2 ** 32 - 1)).min(1).max(100).optional(),
});
export type SweepSpec = z.infer<typeof sweepSpecSchema>;

/** The most runs one sweep may expand to. */
export const maxSweepRuns = 1000;

import { z } from 'zod';
import { runConfigSchema } from '../contract/run-config';
import { sweepSpecSchema } from './sweep-spec';

/**
 * A sweep file, as `nn-lab sweep --config sweep.json` reads it: a base run config (a path relative to the sweep
 * file, or the config itself) and the sweep over it. Parameter paths point into the run config
 * (`train.optimizer.lr`, `model.layers.0.units`). See docs/FORMATS.md.
 */
export const sweepFileSchema = z.strictObject({
  name: z.string().max(200).optional(),
  base: z.union([z.string().min(1), runConfigSchema]),
  sweep: sweepSpecSchema,
});
export type SweepFile = z.infer<typeof sweepFileSchema>;

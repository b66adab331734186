import { z } from 'zod';
import { taskKinds } from '../../contract/run-config';
import { columnKinds } from './column-plan';

/** What the user may override when columns are typed; everything else is inferred. */
export const inferOptionsSchema = z.strictObject({
  target: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  task: z.enum(taskKinds).optional(),
  /** Fixes the class order (and so the class indices). */
  classes: z.array(z.union([z.string(), z.number()])).optional(),
  kinds: z.record(z.string(), z.enum(columnKinds)).optional(),
  use: z.record(z.string(), z.enum(['feature', 'excluded'])).optional(),
  /** (C, H, W) for pixel columns that are not a square grey image. */
  imageShape: z.tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive()]).optional(),
});
export type InferOptions = z.infer<typeof inferOptionsSchema>;

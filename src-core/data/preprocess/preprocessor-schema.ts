import { z } from 'zod';
import { ApiError } from '../../contract/api-error';
import { taskKinds } from '../../contract/run-config';
import { missingPolicies, scalingNames, type PreprocessorState } from './preprocessor-state';

/** The runtime check for a preprocessor read back from a model file or the store. */
const positive = z.number().int().positive();

const featureSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('numeric'),
    column: z.string(),
    scaling: z.enum(scalingNames),
    offset: z.number(),
    scale: z.number().refine((v) => v !== 0, 'must not be 0'),
    fill: z.number().nullable(),
  }),
  z.strictObject({
    kind: z.literal('boolean'),
    column: z.string(),
    falseWord: z.string(),
    trueWord: z.string(),
    fill: z.union([z.literal(0), z.literal(1)]).nullable(),
  }),
  z.strictObject({ kind: z.literal('categorical'), column: z.string(), categories: z.array(z.string()), fill: z.string().nullable() }),
  z.strictObject({
    kind: z.literal('pixels'),
    columns: z.array(z.string()).min(1),
    shape: z.tuple([positive, positive, positive]),
    pixelScale: z.number().positive(),
  }),
]);

export const preprocessorStateSchema = z.strictObject({
  format: z.literal('nn-lab-preprocessor'),
  version: z.literal(1),
  missing: z.enum(missingPolicies),
  features: z.array(featureSchema).min(1),
  target: z.strictObject({ task: z.enum(taskKinds), columns: z.array(z.string()).min(1), classes: z.array(z.string()).optional() }),
  inputShape: z.array(positive).min(1).max(3),
  featureNames: z.array(z.string()),
});

/** Checks a stored preprocessor; the error names the field that is wrong. */
export function parsePreprocessorState(raw: unknown, source: string): PreprocessorState {
  const result = preprocessorStateSchema.safeParse(raw);
  if (result.success) return result.data as PreprocessorState;
  const issue = result.error.issues[0]!;
  const field = ['preprocess', ...issue.path.map(String)].join('.');
  throw new ApiError({ code: 'bad_input', message: `${source}: ${field}: ${issue.message}`, file: source, field });
}

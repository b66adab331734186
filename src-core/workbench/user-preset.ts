import { z } from 'zod';
import { modelSpecSchema, type ModelSpec } from '../contract/model-spec';
import { trainConfigSchema, type TrainConfig } from '../contract/run-config';
import { analyzeSpec, SpecError } from '../nn/spec-analysis';
import { fieldIssues, type FieldIssue } from './field-issues';

/** A network a person saved as a preset: JSON, `{"format": "nn-lab-preset", "version": 1, name, spec, train?}`. */
export const userPresetSchema = z.strictObject({
  format: z.literal('nn-lab-preset'),
  version: z.literal(1),
  name: z.string().trim().min(1, 'a preset needs a name').max(200, 'at most 200 characters'),
  description: z.string().max(2000, 'at most 2,000 characters').optional(),
  spec: modelSpecSchema,
  train: trainConfigSchema.optional(),
});
export type UserPreset = z.infer<typeof userPresetSchema>;

export function userPreset(name: string, spec: ModelSpec, train?: TrainConfig): UserPreset {
  return { format: 'nn-lab-preset', version: 1, name, spec, ...(train ? { train } : {}) };
}

/**
 * Checks a saved preset: the format's fields first, then that the engine can build its network (the message then
 * names the layer, at `spec.layers.<i>`).
 */
export function checkUserPreset(value: unknown): { preset: UserPreset } | { issues: FieldIssue[] } {
  const issues = fieldIssues(userPresetSchema, value);
  if (issues.length > 0) return { issues };
  const preset = value as UserPreset;
  try {
    analyzeSpec(preset.spec, preset.train ? { loss: preset.train.loss } : {});
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    return { issues: [{ field: error.layerIndex === undefined ? 'spec' : `spec.layers.${error.layerIndex}`, message: error.message }] };
  }
  return { preset };
}

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

/** The presets a person saved, as the window keeps them (a JSON array); an entry that no longer checks is dropped. */
export function readSavedPresets(text: string | null): UserPreset[] {
  if (!text) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    const checked = checkUserPreset(entry);
    return 'preset' in checked ? [checked.preset] : [];
  });
}

/** The saved presets with `preset` added, replacing one of the same name (case and spaces ignored), sorted by name. */
export function withSavedPreset(saved: readonly UserPreset[], preset: UserPreset): UserPreset[] {
  const key = (name: string) => name.trim().toLowerCase();
  return [...saved.filter((p) => key(p.name) !== key(preset.name)), preset].sort((a, b) => a.name.localeCompare(b.name));
}

/** Why a saved network cannot start from a dataset's input (absent when it can): its input shape must be the same. */
export function savedPresetMismatch(preset: UserPreset, inputShape: readonly number[]): string | undefined {
  const same = preset.spec.input.length === inputShape.length && preset.spec.input.every((d, i) => d === inputShape[i]);
  return same ? undefined : `made for ${preset.spec.input.join('×')} inputs; this dataset has ${inputShape.join('×')}`;
}

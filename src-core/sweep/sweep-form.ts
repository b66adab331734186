import type { ModelSpec } from '../contract/model-spec';
import type { TrainConfig } from '../contract/run-config';
import { SweepError, expandSweep } from './expand-sweep';
import type { SweepParameter, SweepSpec } from './sweep-spec';

/** A setting the window can vary (in a sweep) or change (in a fork): where it is, what it is called, its value now. */
export interface TunableSetting {
  /** Dot path into `{spec, train}`, as sweep parameters and forks take it. */
  path: string;
  label: string;
  /** The value in the config; undefined when the default applies. */
  value: number | undefined;
  /** Whole numbers only (epochs, batch size, units). */
  integer: boolean;
  /** Searched on a log scale by default (learning rates, decays). */
  log: boolean;
}

/** The numeric settings of a config worth varying: the optimizer's rate and decays, batch size, epochs, L1/L2, each dense layer's units and each dropout's rate. */
export function tunableSettings(config: { spec: ModelSpec; train: TrainConfig }): TunableSetting[] {
  const { train, spec } = config;
  const settings: TunableSetting[] = [
    { path: 'train.optimizer.lr', label: 'Learning rate', value: train.optimizer.lr, integer: false, log: true },
    { path: 'train.batchSize', label: 'Batch size', value: train.batchSize, integer: true, log: true },
    { path: 'train.epochs', label: 'Epochs', value: train.epochs, integer: true, log: false },
    { path: 'train.optimizer.weight_decay', label: 'Weight decay', value: train.optimizer.weight_decay, integer: false, log: true },
  ];
  if (train.optimizer.type === 'sgd' || train.optimizer.type === 'rmsprop') {
    settings.push({ path: 'train.optimizer.momentum', label: 'Momentum', value: train.optimizer.momentum, integer: false, log: false });
  }
  settings.push(
    { path: 'train.l2', label: 'L2 penalty', value: train.l2, integer: false, log: true },
    { path: 'train.l1', label: 'L1 penalty', value: train.l1, integer: false, log: true },
  );
  spec.layers.forEach((layer, i) => {
    if (layer.type === 'dense') settings.push({ path: `spec.layers.${i}.units`, label: `Layer ${i + 1} (dense) units`, value: layer.units, integer: true, log: true });
    if (layer.type === 'dropout') settings.push({ path: `spec.layers.${i}.rate`, label: `Layer ${i + 1} (dropout) rate`, value: layer.rate, integer: false, log: false });
  });
  return settings;
}

/** One parameter row of the sweep form, as typed. */
export interface SweepFormParameter {
  path: string;
  mode: 'list' | 'range';
  /** `list`: values separated by commas or spaces. */
  values: string;
  /** `range`: its ends and, for a grid, how many values; `log` spaces them geometrically. */
  min: string;
  max: string;
  steps: string;
  log: boolean;
  integer: boolean;
}

export interface SweepForm {
  strategy: 'grid' | 'random';
  parameters: SweepFormParameter[];
  /** Random search: how many points to draw. */
  samples: string;
  /** Training seeds per point. */
  seeds: number[];
}

/** A problem with the form, naming the field (`parameters.0.values`, `samples`) it came from. */
export interface FormProblem {
  field: string;
  message: string;
}

const wholeNumber = /^\d+$/;

function parseNumber(text: string, field: string, what: string): number | FormProblem {
  const trimmed = text.trim();
  const value = trimmed === '' ? NaN : Number(trimmed);
  return Number.isFinite(value) ? value : { field, message: `${what}: "${trimmed}" is not a number` };
}

function parseParameter(row: SweepFormParameter, index: number): SweepParameter | FormProblem {
  const at = `parameters.${index}`;
  if (row.mode === 'list') {
    const parts = row.values.split(/[\s,;]+/).filter(Boolean);
    if (parts.length === 0) return { field: `${at}.values`, message: 'Values: give at least one, separated by commas' };
    const values: number[] = [];
    for (const part of parts) {
      const value = parseNumber(part, `${at}.values`, 'Values');
      if (typeof value !== 'number') return value;
      if (row.integer && !Number.isInteger(value)) return { field: `${at}.values`, message: `Values: ${part} is not a whole number` };
      values.push(value);
    }
    return [...new Set(values)];
  }
  const min = parseNumber(row.min, `${at}.min`, 'From');
  if (typeof min !== 'number') return min;
  const max = parseNumber(row.max, `${at}.max`, 'To');
  if (typeof max !== 'number') return max;
  if (max < min) return { field: `${at}.max`, message: `To must be at least From (${min})` };
  if (row.log && min <= 0) return { field: `${at}.min`, message: 'A log scale needs From > 0' };
  const range: SweepParameter = { min, max, ...(row.log ? { scale: 'log' as const } : {}), ...(row.integer ? { integer: true } : {}) };
  if (row.steps.trim() !== '') {
    if (!wholeNumber.test(row.steps.trim()) || Number(row.steps) < 2 || Number(row.steps) > 100) return { field: `${at}.steps`, message: 'Steps: a whole number from 2 to 100' };
    range.steps = Number(row.steps);
  }
  return range;
}

/**
 * The sweep the form describes, checked against the base config; with the points, seeds and runs it makes (so
 * the window shows "12 runs" before anything starts), or the first problem, naming its field.
 */
export function sweepFromForm<T extends { train: object }>(form: SweepForm, base: T): { spec: SweepSpec; points: number; runs: number } | { problem: FormProblem } {
  if (form.parameters.length === 0) return { problem: { field: 'parameters', message: 'Choose at least one setting to vary' } };
  const paths = form.parameters.map((p) => p.path);
  const repeated = paths.findIndex((p, i) => paths.indexOf(p) !== i);
  if (repeated >= 0) return { problem: { field: `parameters.${repeated}.path`, message: 'This setting is already varied above' } };
  const parameters: Record<string, SweepParameter> = {};
  for (const [i, row] of form.parameters.entries()) {
    const parameter = parseParameter(row, i);
    if ('field' in parameter) return { problem: parameter };
    if (form.strategy === 'grid' && !Array.isArray(parameter) && parameter.steps === undefined) {
      return { problem: { field: `parameters.${i}.steps`, message: 'Steps: a grid needs how many values to take from the range' } };
    }
    parameters[row.path] = parameter;
  }
  const spec: SweepSpec = { strategy: form.strategy, parameters, seeds: form.seeds };
  if (form.strategy === 'random') {
    const samples = form.samples.trim();
    if (!wholeNumber.test(samples) || Number(samples) < 1 || Number(samples) > 1000) return { problem: { field: 'samples', message: 'Points: a whole number from 1 to 1000' } };
    spec.samples = Number(samples);
  }
  try {
    const runs = expandSweep(spec, base);
    return { spec, points: new Set(runs.map((r) => r.point)).size, runs: runs.length };
  } catch (error) {
    if (error instanceof SweepError) return { problem: { field: error.field?.replace(/^parameters\.(.+)$/, (_m, path: string) => `parameters.${paths.indexOf(path)}`) ?? 'parameters', message: error.message.replace(/^parameters\./, '') } };
    throw error;
  }
}

/** A fork's new value for a setting, as typed: a number (whole for whole settings), or the problem with it. */
export function parseSettingValue(text: string, setting: TunableSetting): { value: number } | { problem: FormProblem } {
  const value = parseNumber(text, 'value', setting.label);
  if (typeof value !== 'number') return { problem: value };
  if (setting.integer && !Number.isInteger(value)) return { problem: { field: 'value', message: `${setting.label}: ${text.trim()} is not a whole number` } };
  if (value === setting.value) return { problem: { field: 'value', message: `${setting.label} is ${value} already: give another value` } };
  return { value };
}

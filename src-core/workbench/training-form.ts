import type { InitializerName, ModelSpec } from '../contract/model-spec';
import type { LossName, TaskKind, TrainConfig } from '../contract/run-config';
import { analyzeSpec, SpecError } from '../nn/spec-analysis';
import type { FieldIssue } from './field-issues';
import { checkTrainConfig, lossesFor, trainingFields, type FieldContext, type OptimizerType, type ScheduleType, type TrainingField } from './training-options';

/**
 * The training settings form as text and switches keyed by the field paths of `trainingFields` ("optimizer.lr",
 * "schedule.gamma", "earlyStopping" for the switch that turns early stopping on): read into a `TrainConfig` with a
 * message per field, and filled from a stored run's config so a copy of it edits every option it had.
 */

export type TrainingFormValues = Record<string, string | boolean>;

/** The form before anything is typed: the settings the window has always started from. */
export const initialTrainingForm: Readonly<TrainingFormValues> = {
  'optimizer.type': 'adam',
  'optimizer.lr': '0.01',
  epochs: '200',
  batchSize: '32',
  shuffle: true,
  'schedule.type': 'none',
  earlyStopping: false,
};

export interface FormTask {
  task: TaskKind;
  classes?: number;
  /** The loss when the form names none or one that does not fit the task (the one the network was built for). */
  defaultLoss: LossName;
}

/** The loss the form stands for: its own when it fits the task, else the default. */
export function formLoss(values: TrainingFormValues, task: FormTask): LossName {
  const loss = values.loss;
  return typeof loss === 'string' && (lossesFor(task.task, task.classes) as string[]).includes(loss) ? (loss as LossName) : task.defaultLoss;
}

/** Which optimizer, schedule and loss the form has, for `trainingFields`. */
export function formContext(values: TrainingFormValues, task: FormTask): FieldContext {
  const schedule = values['schedule.type'];
  return {
    task: task.task,
    ...(task.classes !== undefined ? { classes: task.classes } : {}),
    optimizer: (values['optimizer.type'] as OptimizerType | undefined) ?? 'adam',
    ...(typeof schedule === 'string' && schedule !== 'none' ? { schedule: schedule as ScheduleType } : {}),
    loss: formLoss(values, task),
    earlyStopping: values.earlyStopping === true,
  };
}

const numberText = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** A field's text as its value, or the message saying why it is not one. */
function parseField(field: TrainingField, raw: string | boolean): { value: unknown } | { message: string } {
  if (field.input === 'boolean') return { value: raw === true };
  const text = String(raw).trim();
  if (field.input === 'choice') return { value: text };
  if (Array.isArray(field.default)) {
    const parts = text.split(/[\s,]+/).filter(Boolean);
    if (parts.length !== field.default.length || !parts.every((p) => numberText.test(p))) {
      return { message: `must be ${field.default.length} numbers separated by a comma, such as ${field.default.join(', ')}` };
    }
    return { value: parts.map(Number) };
  }
  if (!numberText.test(text)) return { message: field.input === 'number' ? 'must be a number, such as 0.01 or 1e-3' : 'must be a whole number, such as 32' };
  const value = Number(text);
  if (field.input !== 'number' && !Number.isInteger(value)) return { message: 'must be a whole number, such as 32' };
  return { value };
}

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
}

/**
 * The config the form describes, or the problems that keep it from one, each on its field. An empty field means
 * the engine's default (its placeholder); the seed left empty means a new one for each run.
 */
export function readTrainingForm(values: TrainingFormValues, task: FormTask): { config?: TrainConfig; issues: FieldIssue[] } {
  const context = formContext(values, task);
  const config: Record<string, unknown> = { loss: context.loss };
  const issues: FieldIssue[] = [];
  for (const field of trainingFields(context)) {
    if (field.path === 'loss' || field.path === 'schedule.type' || field.path === 'earlyStopping') continue;
    const raw = values[field.path];
    if (raw === undefined || raw === '') continue;
    const parsed = parseField(field, raw);
    if ('message' in parsed) issues.push({ field: field.path, message: parsed.message });
    else setAt(config, field.path, parsed.value);
  }
  if (context.schedule) setAt(config, 'schedule.type', context.schedule);
  if (context.earlyStopping) config.earlyStopping ??= {};
  const unparsed = new Set(issues.map((i) => i.field));
  const checked = checkTrainConfig(config, task).filter((i) => !unparsed.has(i.field)).map((i) => ({ ...i, message: plainMessage(i.message) }));
  issues.push(...checked);
  return issues.length ? { issues } : { config: config as TrainConfig, issues };
}

const bounds: Record<string, string> = { '>': 'above', '>=': 'at least', '<': 'below', '<=': 'at most' };

/** zod's wording in plain words: "Too small: expected number to be >0" is "must be above 0". */
function plainMessage(message: string): string {
  if (message === 'missing') return 'needed: enter a value';
  const bound = /^Too (?:small|big): expected number to be (>=|<=|>|<)(.+)$/.exec(message);
  return bound ? `must be ${bounds[bound[1]!]} ${bound[2]}` : message;
}

/** A stored run's settings as the form shows them: every option it was given, nothing it was not. */
export function trainingFormOf(train: TrainConfig): TrainingFormValues {
  const values: TrainingFormValues = { 'schedule.type': 'none', earlyStopping: false };
  const put = (prefix: string, object: object): void => {
    for (const [key, value] of Object.entries(object)) {
      if (value === undefined) continue;
      const path = prefix ? `${prefix}.${key}` : key;
      if (Array.isArray(value)) values[path] = value.join(', ');
      else if (typeof value === 'object' && value !== null) put(path, value as object);
      else values[path] = typeof value === 'boolean' ? value : String(value);
    }
  };
  const { earlyStopping, ...rest } = train;
  put('', rest);
  if (earlyStopping) {
    values.earlyStopping = true;
    put('earlyStopping', earlyStopping);
  }
  return values;
}

/**
 * Why the loss cannot train this network ("bce needs the network to end with sigmoid"), or undefined when it can
 * or when the network has a problem of its own (the layer editor shows that one).
 */
export function lossMismatch(spec: ModelSpec, loss: LossName): string | undefined {
  try {
    analyzeSpec(spec);
  } catch (error) {
    if (error instanceof SpecError) return undefined;
    throw error;
  }
  try {
    analyzeSpec(spec, { loss });
    return undefined;
  } catch (error) {
    if (error instanceof SpecError) return error.message;
    throw error;
  }
}

type Initialized = { init?: InitializerName };
const hasWeights = (type: string): boolean => type === 'dense' || type === 'conv2d';

/** The network with `init` on every dense and conv2d layer that has no initialiser of its own ('auto' changes nothing). */
export function withDefaultInitializer(spec: ModelSpec, init: InitializerName): ModelSpec {
  if (init === 'auto') return spec;
  return { ...spec, layers: spec.layers.map((layer) => (hasWeights(layer.type) && !(layer as Initialized).init ? { ...layer, init } : layer)) };
}

/** The initialiser every weighted layer of a stored network shares ('auto' when they differ or have none). */
export function sharedInitializer(spec: ModelSpec): InitializerName {
  const inits = new Set(spec.layers.filter((l) => hasWeights(l.type)).map((l) => (l as Initialized).init ?? 'auto'));
  return inits.size === 1 ? [...inits][0]! : 'auto';
}

/** How the app splits the dataset's rows (fixed per dataset, so every run on it is judged on the same rows). */
export function splitDescription(dataset: { imported: boolean; task: TaskKind }): string {
  const stratified = dataset.imported && dataset.task === 'classification' ? ', stratified by class' : '';
  return `20 % of the rows are held out for validation${stratified}, the same rows for every run on this dataset (split seed 42), so runs compare fairly.`;
}

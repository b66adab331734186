import { z } from 'zod';
import { initializerNames, type ActivationName, type InitializerName } from '../contract/layer-names';
import {
  dataConfigSchema,
  lossNames,
  optimizerSchema,
  scheduleSchema,
  trainConfigSchema,
  type LossName,
  type OptimizerConfig,
  type ScheduleConfig,
  type TaskKind,
  type TrainConfig,
} from '../contract/run-config';
import { missingPolicies, scalingNames } from '../data/preprocess/preprocessor-state';
import { fieldIssues, type FieldIssue } from './field-issues';

/**
 * Every training option the engine reads, as the settings form offers it: the allowed values given the task, the
 * engine's default, a hint in plain words, and whether it folds away as advanced. Checks reuse the contract's zod
 * schemas (and so its size limits), mapped to per-field messages.
 */

export interface TrainingField {
  /** Dotted path in the run config's `train` (or `data.` for the split and preprocessing). */
  path: string;
  label: string;
  hint: string;
  advanced: boolean;
  input: 'choice' | 'number' | 'integer' | 'boolean' | 'seed';
  choices?: readonly string[];
  /** The value the engine uses when the field is left empty. */
  default?: unknown;
}

export type OptimizerType = OptimizerConfig['type'];
export type ScheduleType = ScheduleConfig['type'];
export const optimizerTypes: readonly OptimizerType[] = optimizerSchema.options.flatMap((o) => (o.shape.type instanceof z.ZodEnum ? o.shape.type.options : [o.shape.type.value]));
export const scheduleTypes: readonly ScheduleType[] = scheduleSchema.options.map((o) => o.shape.type.value);

/** The losses that can read the task's targets, the usual one first. */
export function lossesFor(task: TaskKind, classes = 2): LossName[] {
  if (task === 'regression') return ['mse', 'mae', 'huber'];
  if (task === 'multilabel') return ['bce', 'mse'];
  return classes > 2 ? ['cross_entropy', 'mse'] : ['bce', 'cross_entropy', 'mse'];
}

const lossHints: Record<LossName, string> = {
  mse: 'Mean squared error: the usual loss for regression; punishes large errors hard.',
  mae: 'Mean absolute error: robust to outliers, but its gradient does not shrink near the answer.',
  huber: 'Squared for small errors, absolute for large ones (past delta): robust and smooth.',
  bce: 'Binary cross entropy: for one yes/no output or several independent labels; the network ends in sigmoid.',
  cross_entropy: 'Cross entropy over the classes: the loss for picking one of several classes; the network ends in softmax.',
};

/** The engine's defaults per optimizer (PyTorch's). */
const optimizerDefaults: Record<OptimizerType, Record<string, unknown>> = {
  sgd: { lr: 0.01, momentum: 0, nesterov: false, weight_decay: 0 },
  adam: { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0 },
  adamw: { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0.01 },
  rmsprop: { lr: 0.01, alpha: 0.99, eps: 1e-8, momentum: 0, weight_decay: 0 },
  adagrad: { lr: 0.01, eps: 1e-10, weight_decay: 0 },
};

const optionHints: Record<string, string> = {
  lr: 'Step size. Start near 1e-3 for Adam, 0.01-0.1 for SGD; lower it if the loss jumps or diverges.',
  momentum: 'Keeps a running direction across steps; 0.9 is the usual choice with SGD.',
  nesterov: 'Looks ahead along the momentum before taking the gradient; often a little faster. Needs momentum.',
  weight_decay: 'Shrinks weights every step (L2); 1e-4 to 1e-2 against overfitting. AdamW decouples it from the gradient.',
  betas: 'Decay rates of the running mean and variance of the gradient; 0.9 and 0.999 rarely need changing.',
  eps: 'Guards the division by the gradient’s running size; leave it unless training is unstable.',
  alpha: 'How slowly the running square of the gradient forgets; 0.99 is the default.',
};

const optionLabels: Record<string, string> = {
  lr: 'Learning rate',
  momentum: 'Momentum',
  nesterov: 'Nesterov momentum',
  weight_decay: 'Weight decay',
  betas: 'Betas (β1, β2)',
  eps: 'Epsilon',
  alpha: 'Smoothing (alpha)',
};

const scheduleFields: Record<ScheduleType, TrainingField[]> = {
  step: [
    { path: 'schedule.stepSize', label: 'Step every', hint: 'Epochs between cuts of the learning rate.', advanced: true, input: 'integer' },
    { path: 'schedule.gamma', label: 'Factor', hint: 'Multiplies the learning rate at each step; 0.1 cuts it tenfold.', advanced: true, input: 'number', default: 0.1 },
  ],
  exponential: [{ path: 'schedule.gamma', label: 'Factor per epoch', hint: 'Multiplies the learning rate every epoch; 0.95-0.99 decays gently.', advanced: true, input: 'number' }],
  cosine: [
    { path: 'schedule.tMax', label: 'Period', hint: 'Epochs from the full rate down to the minimum; the run’s epochs by default.', advanced: true, input: 'integer' },
    { path: 'schedule.minLr', label: 'Minimum rate', hint: 'Where the cosine ends.', advanced: true, input: 'number', default: 0 },
  ],
  reduce_on_plateau: [
    { path: 'schedule.monitor', label: 'Watch', hint: 'The loss that must keep falling; validation loss when there is a validation set.', advanced: true, input: 'choice', choices: ['val_loss', 'loss'] },
    { path: 'schedule.factor', label: 'Factor', hint: 'Multiplies the rate when the loss stalls; 0.1-0.5.', advanced: true, input: 'number', default: 0.1 },
    { path: 'schedule.patience', label: 'Patience', hint: 'Epochs without improvement before the rate is cut.', advanced: true, input: 'integer', default: 10 },
    { path: 'schedule.minLr', label: 'Minimum rate', hint: 'The rate is never cut below this.', advanced: true, input: 'number', default: 0 },
  ],
  warmup: [{ path: 'schedule.epochs', label: 'Warm-up epochs', hint: 'The rate climbs linearly to its value over these first epochs; helps large rates and batch norm.', advanced: true, input: 'integer' }],
};

/** What the form asks about the settings being edited: which optimizer and schedule, for their own options. */
export interface FieldContext {
  task: TaskKind;
  classes?: number;
  optimizer: OptimizerType;
  schedule?: ScheduleType;
  loss?: LossName;
  earlyStopping?: boolean;
}

/** The settings form's fields in order, the ones that apply to `context` only. */
export function trainingFields(context: FieldContext): TrainingField[] {
  const losses = lossesFor(context.task, context.classes);
  const loss = context.loss ?? losses[0]!;
  const optimizer = optimizerDefaults[context.optimizer];
  const fields: TrainingField[] = [
    { path: 'loss', label: 'Loss', hint: lossHints[loss], advanced: false, input: 'choice', choices: losses, default: losses[0] },
    ...(loss === 'huber' ? [{ path: 'huberDelta', label: 'Huber delta', hint: 'Errors beyond this count linearly.', advanced: true, input: 'number' as const, default: 1 }] : []),
    { path: 'optimizer.type', label: 'Optimizer', hint: 'Adam trains most networks well with little tuning; SGD with momentum can generalise better with a tuned rate.', advanced: false, input: 'choice', choices: optimizerTypes, default: 'adam' },
    ...Object.entries(optimizer).map(([option, value]): TrainingField => ({
      path: `optimizer.${option}`,
      label: optionLabels[option]!,
      hint: optionHints[option]!,
      advanced: option !== 'lr',
      input: typeof value === 'boolean' ? 'boolean' : 'number',
      default: value,
    })),
    { path: 'epochs', label: 'Epochs', hint: 'Passes over the training data; watch the validation loss to see when more stops helping.', advanced: false, input: 'integer' },
    { path: 'batchSize', label: 'Batch size', hint: '32-64 is a good start: smaller batches are noisier, larger ones need a larger rate.', advanced: false, input: 'integer' },
    { path: 'shuffle', label: 'Shuffle', hint: 'A new row order every epoch; keep it on unless you study order effects.', advanced: true, input: 'boolean', default: true },
    { path: 'seed', label: 'Seed', hint: 'Fixes initial weights, shuffling and dropout: the same seed trains the same network again.', advanced: false, input: 'seed' },
    { path: 'l1', label: 'L1 penalty', hint: 'Pushes weights to exactly zero (sparse weights); try 1e-5 to 1e-3.', advanced: true, input: 'number', default: 0 },
    { path: 'l2', label: 'L2 penalty', hint: 'Keeps weights small against overfitting; try 1e-4 to 1e-2.', advanced: true, input: 'number', default: 0 },
    { path: 'clipNorm', label: 'Clip gradient norm', hint: 'Caps the gradient’s length (1-5): stops one bad batch from blowing up training.', advanced: true, input: 'number' },
    { path: 'schedule.type', label: 'Learning-rate schedule', hint: 'Lowers the rate as training goes on; none keeps it fixed.', advanced: true, input: 'choice', choices: ['none', ...scheduleTypes], default: 'none' },
    ...(context.schedule ? scheduleFields[context.schedule] : []),
    { path: 'autoPause', label: 'Pause when it goes bad', hint: 'The run pauses itself on a NaN or infinite value, an exploding gradient or a dead network, and says why.', advanced: true, input: 'boolean', default: true },
    { path: 'earlyStopping', label: 'Early stopping', hint: 'Ends training when the watched metric stops improving.', advanced: true, input: 'boolean', default: false },
  ];
  if (context.earlyStopping) {
    fields.push(
      { path: 'earlyStopping.monitor', label: 'Watch', hint: 'Validation loss is the honest signal of overfitting.', advanced: true, input: 'choice', choices: ['val_loss', 'loss', 'val_accuracy', 'accuracy'], default: 'val_loss' },
      { path: 'earlyStopping.patience', label: 'Patience', hint: 'Epochs without improvement before stopping; 5-20.', advanced: true, input: 'integer', default: 5 },
      { path: 'earlyStopping.minDelta', label: 'Minimum change', hint: 'Smaller changes do not count as improvement.', advanced: true, input: 'number', default: 0 },
      { path: 'earlyStopping.restoreBest', label: 'Keep the best weights', hint: 'End with the weights of the best epoch, not the last.', advanced: true, input: 'boolean', default: false },
    );
  }
  return fields;
}

/** The split and preprocessing fields of the data the run trains on. */
export function dataFields(task: TaskKind): TrainingField[] {
  const stratified = task === 'classification' ? ' Stratified: each part keeps the class proportions.' : '';
  return [
    { path: 'data.validation', label: 'Validation share', hint: `Rows held out to judge the network while it trains; 0.2 is common.${stratified}`, advanced: false, input: 'number', default: 0.2 },
    { path: 'data.test', label: 'Test share', hint: `Rows kept aside until the end, for one honest final score.${stratified}`, advanced: true, input: 'number', default: 0 },
    { path: 'data.preprocess.scale', label: 'Scaling', hint: 'Scale your inputs: standard (mean 0, std 1) suits most networks; min-max maps to [0, 1].', advanced: false, input: 'choice', choices: scalingNames, default: 'standard' },
    { path: 'data.columnScale', label: 'Scaling of a column', hint: 'Overrides the scaling for one numeric column.', advanced: true, input: 'choice', choices: scalingNames },
    { path: 'data.missing', label: 'Missing values', hint: 'Drop the row, or fill with the column’s mean, median or most frequent value (learned on the training rows).', advanced: true, input: 'choice', choices: missingPolicies, default: 'drop' },
  ];
}

/** He for ReLU-like activations, Xavier for tanh, sigmoid and the rest (what `auto` does). */
export function suggestedInitializer(activation: ActivationName | undefined): InitializerName {
  return activation && ['relu', 'leaky_relu', 'elu', 'swish', 'gelu'].includes(activation) ? 'he_uniform' : 'xavier_uniform';
}

export const initializerChoices = initializerNames;
export const initializerHint = 'He for ReLU and its kin, Xavier (Glorot) for tanh and sigmoid; auto picks by the next activation.';

/**
 * Every problem with a train config, each on its field: the contract's rules and size limits, then what the
 * task rules out (a loss that cannot read its targets, a batch larger than the training rows).
 */
export function checkTrainConfig(value: unknown, context: { task: TaskKind; classes?: number; trainRows?: number }): FieldIssue[] {
  const issues = fieldIssues(trainConfigSchema, value);
  const config = value as Partial<TrainConfig>;
  const losses = lossesFor(context.task, context.classes);
  if (typeof config.loss === 'string' && (lossNames as readonly string[]).includes(config.loss) && !losses.includes(config.loss)) {
    issues.push({ field: 'loss', message: `${config.loss} does not fit a ${context.task} task; use ${losses.join(', ')}` });
  }
  if (typeof config.batchSize === 'number' && context.trainRows !== undefined && config.batchSize > context.trainRows) {
    issues.push({ field: 'batchSize', message: `larger than the ${context.trainRows} training rows; every batch would be the whole set` });
  }
  if (config.optimizer?.type === 'sgd' && config.optimizer.nesterov && !config.optimizer.momentum) {
    issues.push({ field: 'optimizer.nesterov', message: 'Nesterov needs a momentum above 0' });
  }
  return issues;
}

/** The messages for one field (`optimizer.lr`): what the form shows under it. */
export function fieldMessages(issues: readonly FieldIssue[], path: string): string[] {
  return issues.filter((i) => i.field === path || i.field.startsWith(`${path}.`)).map((i) => i.message);
}

/** The split's problems: each share within [0, 1) and both together leaving rows to train on. */
export function checkDataSplit(value: { validation?: number; test?: number }): FieldIssue[] {
  const issues = fieldIssues(dataConfigSchema.pick({ validation: true, test: true }), value, 'data');
  if (issues.length === 0 && (value.validation ?? 0) + (value.test ?? 0) >= 1) {
    issues.push({ field: 'data.test', message: 'validation and test together must leave rows to train on (their sum below 1)' });
  }
  return issues;
}

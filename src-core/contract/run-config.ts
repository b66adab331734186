import { z } from 'zod';
import { modelSpecSchema } from './model-spec';
import { boundedCount, sizeLimits } from './size-limits';

const epochCount = boundedCount(sizeLimits.epochs, 'epochs');

/** Training settings, with PyTorch's semantics and defaults. See docs/FORMATS.md. */

export const lossNames = ['mse', 'mae', 'huber', 'bce', 'cross_entropy'] as const;
export type LossName = (typeof lossNames)[number];

export const optimizerSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('sgd'),
    lr: z.number().positive().optional(),
    momentum: z.number().min(0).lt(1).optional(),
    nesterov: z.boolean().optional(),
    weight_decay: z.number().nonnegative().optional(),
  }),
  z.strictObject({
    type: z.enum(['adam', 'adamw']),
    lr: z.number().positive().optional(),
    betas: z.tuple([z.number().min(0).lt(1), z.number().min(0).lt(1)]).optional(),
    eps: z.number().positive().optional(),
    weight_decay: z.number().nonnegative().optional(),
  }),
  z.strictObject({
    type: z.literal('rmsprop'),
    lr: z.number().positive().optional(),
    alpha: z.number().min(0).lt(1).optional(),
    eps: z.number().positive().optional(),
    momentum: z.number().min(0).lt(1).optional(),
    weight_decay: z.number().nonnegative().optional(),
  }),
  z.strictObject({
    type: z.literal('adagrad'),
    lr: z.number().positive().optional(),
    eps: z.number().positive().optional(),
    weight_decay: z.number().nonnegative().optional(),
  }),
]);
export type OptimizerConfig = z.infer<typeof optimizerSchema>;

export const scheduleSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('step'), stepSize: epochCount, gamma: z.number().positive().optional() }),
  z.strictObject({ type: z.literal('exponential'), gamma: z.number().positive() }),
  z.strictObject({ type: z.literal('cosine'), tMax: epochCount.optional(), minLr: z.number().nonnegative().optional() }),
  z.strictObject({
    type: z.literal('reduce_on_plateau'),
    factor: z.number().gt(0).lt(1).optional(),
    patience: z.number().int().nonnegative().max(sizeLimits.epochs, `at most ${sizeLimits.epochs} epochs`).optional(),
    minLr: z.number().nonnegative().optional(),
    monitor: z.enum(['loss', 'val_loss']).optional(),
  }),
  z.strictObject({ type: z.literal('warmup'), epochs: epochCount }),
]);
export type ScheduleConfig = z.infer<typeof scheduleSchema>;

export const earlyStoppingSchema = z.strictObject({
  monitor: z.enum(['loss', 'val_loss', 'accuracy', 'val_accuracy']).optional(),
  patience: z.number().int().nonnegative().optional(),
  minDelta: z.number().nonnegative().optional(),
  restoreBest: z.boolean().optional(),
});
export type EarlyStoppingConfig = z.infer<typeof earlyStoppingSchema>;

export const trainConfigSchema = z.strictObject({
  loss: z.enum(lossNames),
  /** Huber's threshold; only read when loss is `huber`. */
  huberDelta: z.number().positive().optional(),
  optimizer: optimizerSchema,
  batchSize: boundedCount(sizeLimits.batchSize, 'rows in a batch'),
  epochs: epochCount,
  shuffle: z.boolean().optional(),
  seed: z.number().int().nonnegative().max(2 ** 32 - 1).optional(),
  l1: z.number().nonnegative().optional(),
  l2: z.number().nonnegative().optional(),
  clipNorm: z.number().positive().optional(),
  schedule: scheduleSchema.optional(),
  earlyStopping: earlyStoppingSchema.optional(),
  /**
   * The app's runs pause themselves when training goes bad (a NaN or infinite loss, weight or gradient, an
   * exploding gradient norm, a dead network) and say why; default true. The CLI, with no one to resume, ignores it.
   */
  autoPause: z.boolean().optional(),
});
export type TrainConfig = z.infer<typeof trainConfigSchema>;

/** Scaling of a numeric column: standard (z-score), min-max to [0, 1], or as it is. */
export const columnScalings = ['standard', 'minmax', 'none'] as const;
/** What a missing value does: drops its row, or is filled by the training rows' mean, median or most frequent value. */
export const columnImputations = ['drop', 'mean', 'median', 'most_frequent'] as const;

/**
 * How a run in the app splits and prepares a tabular dataset (imported or a bundled file). Absent: the app's fixed
 * split (20 % validation, seed 42, stratified), standard scaling, rows with a missing value dropped.
 */
export const dataSetupSchema = z
  .strictObject({
    /** Fraction of the rows held out for validation (default 0.2). */
    validation: z.number().min(0, 'at least 0').lt(1, 'below 1').optional(),
    /** Fraction held out for the test, scored once at the end (default 0). */
    test: z.number().min(0, 'at least 0').lt(1, 'below 1').optional(),
    /** Classification: each class keeps its share in every split (default true). */
    stratified: z.boolean().optional(),
    /** Per feature column, by name: its scaling (numeric columns) and what a missing value does. */
    columns: z
      .record(
        z.string().min(1).max(200),
        z.strictObject({ scaling: z.enum(columnScalings).optional(), missing: z.enum(columnImputations).optional() }),
      )
      .optional(),
  })
  .superRefine((setup, ctx) => {
    if ((setup.validation ?? 0.2) + (setup.test ?? 0) >= 1) {
      ctx.addIssue({ code: 'custom', path: ['test'], message: 'validation and test together must leave some rows for training (their sum must be below 1)' });
    }
  });
export type DataSetup = z.infer<typeof dataSetupSchema>;

export const taskKinds = ['classification', 'regression', 'multilabel'] as const;
export type TaskKind = (typeof taskKinds)[number];

export const dataConfigSchema = z.strictObject({
  path: z.string().min(1),
  target: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  task: z.enum(taskKinds).optional(),
  classes: z.array(z.union([z.string(), z.number()])).optional(),
  preprocess: z.strictObject({ scale: z.enum(['standard', 'minmax', 'none']).optional() }).optional(),
  validation: z.number().min(0).lt(1).optional(),
  test: z.number().min(0).lt(1).optional(),
});
export type DataConfig = z.infer<typeof dataConfigSchema>;

/** A run config file: what `nn-lab train --config run.json` reads. */
export const runConfigSchema = z.strictObject({
  name: z.string().optional(),
  data: dataConfigSchema,
  model: z.union([modelSpecSchema, z.strictObject({ file: z.string().min(1) })]),
  train: trainConfigSchema,
});
export type RunConfig = z.infer<typeof runConfigSchema>;

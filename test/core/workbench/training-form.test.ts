import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { TrainConfig } from '../../../src-core/contract/run-config';
import { fieldMessages } from '../../../src-core/workbench/training-options';
import {
  formContext,
  initialTrainingForm,
  lossMismatch,
  readTrainingForm,
  sharedInitializer,
  splitDescription,
  trainingFormOf,
  withDefaultInitializer,
  type FormTask,
} from '../../../src-core/workbench/training-form';

const classes3: FormTask = { task: 'classification', classes: 3, defaultLoss: 'cross_entropy' };
const regression: FormTask = { task: 'regression', defaultLoss: 'mse' };

/** Configs that set every option the engine has, across every optimizer and schedule. */
const configs: Array<[FormTask, TrainConfig]> = [
  [classes3, { loss: 'cross_entropy', optimizer: { type: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true, weight_decay: 1e-4 }, batchSize: 16, epochs: 30, shuffle: false, seed: 7, l1: 1e-5, l2: 1e-3, clipNorm: 2, schedule: { type: 'cosine', tMax: 20, minLr: 1e-4 }, earlyStopping: { monitor: 'val_accuracy', patience: 4, minDelta: 0.001, restoreBest: true } }],
  [classes3, { loss: 'mse', optimizer: { type: 'adam', lr: 1e-3, betas: [0.8, 0.99], eps: 1e-7, weight_decay: 0.01 }, batchSize: 64, epochs: 5, schedule: { type: 'step', stepSize: 3, gamma: 0.5 } }],
  [classes3, { loss: 'cross_entropy', optimizer: { type: 'adamw', lr: 2e-3, weight_decay: 0.05 }, batchSize: 32, epochs: 12, schedule: { type: 'warmup', epochs: 3 } }],
  [regression, { loss: 'huber', huberDelta: 0.5, optimizer: { type: 'rmsprop', lr: 0.01, alpha: 0.9, eps: 1e-6, momentum: 0.5, weight_decay: 0 }, batchSize: 8, epochs: 40, schedule: { type: 'reduce_on_plateau', factor: 0.5, patience: 3, minLr: 1e-5, monitor: 'loss' } }],
  [regression, { loss: 'mae', optimizer: { type: 'adagrad', lr: 0.1, eps: 1e-9 }, batchSize: 4, epochs: 9, schedule: { type: 'exponential', gamma: 0.97 }, earlyStopping: {} }],
];

describe('the training settings form', () => {
  it('reads back every option of a stored config unchanged, whatever the optimizer and schedule', () => {
    for (const [task, config] of configs) {
      const form = trainingFormOf(config);
      expect(readTrainingForm(form, task)).toEqual({ config, issues: [] });
    }
  });

  it('starts from Adam at 0.01, 200 epochs, batch 32, the loss the network was built for', () => {
    expect(readTrainingForm(initialTrainingForm, classes3).config).toEqual({ loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.01 }, epochs: 200, batchSize: 32, shuffle: true });
  });

  it('keeps a loss that does not fit the task out, using the network’s own', () => {
    const form = { ...initialTrainingForm, loss: 'mae' };
    expect(formContext(form, classes3).loss).toBe('cross_entropy');
    expect(readTrainingForm(form, classes3).config!.loss).toBe('cross_entropy');
  });

  it('reads only the chosen optimizer’s options and the chosen schedule’s', () => {
    const form = { ...initialTrainingForm, 'optimizer.type': 'adam', 'optimizer.momentum': '0.9', 'schedule.type': 'none', 'schedule.gamma': '0.5' };
    expect(readTrainingForm(form, classes3).config).toEqual({ loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.01 }, epochs: 200, batchSize: 32, shuffle: true });
  });

  it('puts its own message on each field whose value cannot work', () => {
    const form = {
      ...initialTrainingForm,
      'optimizer.type': 'sgd',
      'optimizer.lr': 'fast',
      'optimizer.nesterov': true,
      epochs: '0',
      batchSize: '3.5',
      clipNorm: '-1',
      'optimizer.betas': 'ignored',
      'schedule.type': 'step',
      earlyStopping: true,
      'earlyStopping.patience': 'x',
    };
    const { config, issues } = readTrainingForm(form, classes3);
    expect(config).toBeUndefined();
    expect(fieldMessages(issues, 'optimizer.lr')).toEqual(['must be a number, such as 0.01 or 1e-3']);
    expect(fieldMessages(issues, 'batchSize')).toEqual(['must be a whole number, such as 32']);
    expect(fieldMessages(issues, 'earlyStopping.patience')).toEqual(['must be a whole number, such as 32']);
    expect(fieldMessages(issues, 'epochs')).toEqual(['must be above 0']);
    expect(fieldMessages(issues, 'clipNorm')).toEqual(['must be above 0']);
    expect(fieldMessages(issues, 'optimizer.nesterov')).toEqual(['Nesterov needs a momentum above 0']);
    expect(fieldMessages(issues, 'schedule.stepSize')).toEqual(['needed: enter a value']);
    expect(issues.map((i) => i.field)).not.toContain('optimizer.betas');
    const bounds = readTrainingForm({ ...initialTrainingForm, 'optimizer.type': 'sgd', 'optimizer.momentum': '1.5' }, classes3).issues;
    expect(fieldMessages(bounds, 'optimizer.momentum')).toEqual(['must be below 1']);
    const betas = readTrainingForm({ ...initialTrainingForm, 'optimizer.betas': '0.9' }, classes3).issues;
    expect(fieldMessages(betas, 'optimizer.betas')).toEqual(['must be 2 numbers separated by a comma, such as 0.9, 0.999']);
  });

  it('names the loss that cannot train the network, and leaves a broken network to the layer editor', () => {
    const spec: ModelSpec = { input: [2], layers: [{ type: 'dense', units: 3 }, { type: 'softmax' }] };
    expect(lossMismatch(spec, 'cross_entropy')).toBeUndefined();
    expect(lossMismatch(spec, 'bce')).toMatch(/bce needs the network to end with sigmoid/);
    expect(lossMismatch({ input: [2], layers: [{ type: 'conv2d', filters: 2, kernel: 3 }] }, 'mse')).toBeUndefined();
  });

  it('gives weighted layers without an initialiser the default one, and finds it again on a stored network', () => {
    const spec: ModelSpec = { input: [2], layers: [{ type: 'dense', units: 3 }, { type: 'relu' }, { type: 'dense', units: 2, init: 'xavier_normal' }] };
    const given = withDefaultInitializer(spec, 'he_normal');
    expect(given.layers.map((l) => ('init' in l ? l.init : undefined))).toEqual(['he_normal', undefined, 'xavier_normal']);
    expect(withDefaultInitializer(spec, 'auto')).toBe(spec);
    expect(sharedInitializer(withDefaultInitializer({ input: [2], layers: [{ type: 'dense', units: 3 }] }, 'he_normal'))).toBe('he_normal');
    expect(sharedInitializer(given)).toBe('auto');
  });

  it('says how the rows are split, stratified for an imported classification set', () => {
    expect(splitDescription({ imported: true, task: 'classification' })).toMatch(/20 % .* stratified by class/);
    expect(splitDescription({ imported: false, task: 'classification' })).not.toMatch(/stratified/);
  });
});

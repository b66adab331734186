import { describe, expect, it } from 'vitest';
import { lossNames, type TrainConfig } from '../../../src-core/contract/run-config';
import { sizeLimits } from '../../../src-core/contract/size-limits';
import {
  checkDataSplit,
  checkTrainConfig,
  dataFields,
  fieldMessages,
  lossesFor,
  optimizerTypes,
  scheduleTypes,
  suggestedInitializer,
  trainingFields,
} from '../../../src-core/workbench/training-options';

const good: TrainConfig = { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 1e-3 }, batchSize: 32, epochs: 10 };

describe('training options', () => {
  it('offers the losses that fit the task, every loss somewhere', () => {
    expect(lossesFor('regression')).toEqual(['mse', 'mae', 'huber']);
    expect(lossesFor('classification', 10)[0]).toBe('cross_entropy');
    expect(lossesFor('classification', 2)[0]).toBe('bce');
    expect(lossesFor('multilabel')).not.toContain('cross_entropy');
    const offered = new Set((['regression', 'classification', 'multilabel'] as const).flatMap((t) => lossesFor(t)));
    expect([...offered].sort()).toEqual([...lossNames].sort());
  });

  it('lists every optimizer with all of its options, the schedule’s own options and early stopping’s when on', () => {
    expect(optimizerTypes).toEqual(['sgd', 'adam', 'adamw', 'rmsprop', 'adagrad']);
    expect(scheduleTypes).toEqual(['step', 'exponential', 'cosine', 'reduce_on_plateau', 'warmup']);
    const paths = (context: Parameters<typeof trainingFields>[0]) => trainingFields(context).map((f) => f.path);
    expect(paths({ task: 'classification', optimizer: 'sgd' })).toEqual(expect.arrayContaining(['optimizer.momentum', 'optimizer.nesterov', 'optimizer.weight_decay', 'l1', 'l2', 'clipNorm', 'seed', 'shuffle']));
    expect(paths({ task: 'classification', optimizer: 'rmsprop' })).toEqual(expect.arrayContaining(['optimizer.alpha', 'optimizer.eps', 'optimizer.momentum']));
    expect(paths({ task: 'regression', optimizer: 'adam', loss: 'huber', schedule: 'reduce_on_plateau', earlyStopping: true })).toEqual(
      expect.arrayContaining(['huberDelta', 'optimizer.betas', 'schedule.factor', 'schedule.patience', 'earlyStopping.patience', 'earlyStopping.restoreBest']),
    );
    const lr = trainingFields({ task: 'classification', optimizer: 'adam' }).find((f) => f.path === 'optimizer.lr')!;
    expect(lr).toMatchObject({ advanced: false, default: 1e-3 });
    expect(lr.hint).toMatch(/1e-3 for Adam/);
    expect(trainingFields({ task: 'classification', optimizer: 'adam' }).find((f) => f.path === 'batchSize')!.hint).toMatch(/32-64/);
    expect(trainingFields({ task: 'classification', optimizer: 'sgd' }).find((f) => f.path === 'optimizer.momentum')!.advanced).toBe(true);
    expect(dataFields('classification')[0]!.hint).toMatch(/Stratified/);
    expect(dataFields('regression').find((f) => f.path === 'data.preprocess.scale')!.hint).toMatch(/Scale your inputs/);
  });

  it('suggests He for ReLU and Xavier for tanh and sigmoid', () => {
    expect(suggestedInitializer('relu')).toBe('he_uniform');
    expect(suggestedInitializer('tanh')).toBe('xavier_uniform');
    expect(suggestedInitializer('sigmoid')).toBe('xavier_uniform');
  });

  it('gives each field its own message when a value cannot work, with the contract’s limits', () => {
    expect(checkTrainConfig(good, { task: 'classification', classes: 10 })).toEqual([]);
    const issues = checkTrainConfig(
      { ...good, loss: 'mae', batchSize: sizeLimits.batchSize + 1, epochs: 0, optimizer: { type: 'sgd', lr: -1, nesterov: true } },
      { task: 'classification', classes: 10 },
    );
    expect(fieldMessages(issues, 'batchSize')).toEqual(['at most 1,048,576 rows in a batch']);
    expect(fieldMessages(issues, 'epochs')).toHaveLength(1);
    expect(fieldMessages(issues, 'optimizer.lr')).toHaveLength(1);
    expect(fieldMessages(issues, 'loss')).toEqual(['mae does not fit a classification task; use cross_entropy, mse']);
    expect(fieldMessages(issues, 'optimizer.nesterov')).toEqual(['Nesterov needs a momentum above 0']);
    expect(fieldMessages(checkTrainConfig({ ...good, batchSize: 500 }, { task: 'classification', classes: 3, trainRows: 120 }), 'batchSize')[0]).toMatch(/120 training rows/);
    expect(fieldMessages(checkTrainConfig({ ...good, epochs: undefined }, { task: 'classification', classes: 3 }), 'epochs')).toEqual(['missing']);
    expect(checkDataSplit({ validation: 0.6, test: 0.5 })).toEqual([{ field: 'data.test', message: expect.stringMatching(/leave rows to train on/) }]);
    expect(checkDataSplit({ validation: 1 })[0]!.field).toBe('data.validation');
  });
});

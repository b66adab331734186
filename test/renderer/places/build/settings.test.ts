import { describe, expect, it } from 'vitest';
import type { DatasetInfo } from '../../../../src-core/contract/datasets';
import type { ModelSpec } from '../../../../src-core/contract/model-spec';
import { runSettingsView, SettingsStore } from '../../../../src-renderer/places/build/settings.svelte';

const iris: DatasetInfo = { id: 'iris', name: 'Iris', description: '', task: 'classification', rows: 150, features: 4, inputShape: [4], classes: ['a', 'b', 'c'] };
const sine: DatasetInfo = { id: 'sine', name: 'Sine', description: '', task: 'regression', rows: 200, features: 1, inputShape: [1] };
const softmaxNet: ModelSpec = { input: [4], layers: [{ type: 'dense', units: 3 }, { type: 'softmax' }] };

function store(dataset: DatasetInfo | null, spec: ModelSpec | null = softmaxNet) {
  const datasets = { selected: dataset };
  return { datasets, settings: new SettingsStore(datasets, () => spec) };
}

describe('the training settings store', () => {
  it('offers the fields of the optimizer, schedule and early stopping chosen, and only losses that fit the task', () => {
    const { settings } = store(iris);
    expect(settings.fields.find((f) => f.path === 'loss')!.choices).toEqual(['cross_entropy', 'mse']);
    expect(settings.fields.map((f) => f.path)).not.toContain('optimizer.momentum');
    settings.values['optimizer.type'] = 'sgd';
    settings.values['schedule.type'] = 'reduce_on_plateau';
    settings.values.earlyStopping = true;
    expect(settings.fields.map((f) => f.path)).toEqual(expect.arrayContaining(['optimizer.momentum', 'optimizer.nesterov', 'schedule.factor', 'schedule.patience', 'earlyStopping.patience', 'earlyStopping.restoreBest']));
    expect(settings.config).toMatchObject({ loss: 'cross_entropy', optimizer: { type: 'sgd', lr: 0.01 }, schedule: { type: 'reduce_on_plateau' }, earlyStopping: {} });
  });

  it('draws a new seed into the seed field, kept until changed', () => {
    const { settings } = store(iris);
    expect(settings.config!.seed).toBeUndefined();
    settings.newSeed();
    const seed = Number(settings.values.seed);
    expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31).toBe(true);
    expect(settings.config!.seed).toBe(seed);
  });

  it('opens the advanced options when a loaded run set one, and keeps them folded when it did not', () => {
    const plain = store(iris).settings;
    plain.load({ loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.001 }, batchSize: 32, epochs: 10, seed: 3 });
    expect(plain.advancedOpen).toBe(false);
    const tuned = store(iris).settings;
    tuned.load({ loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.001 }, batchSize: 32, epochs: 10, clipNorm: 1 });
    expect(tuned.advancedOpen).toBe(true);
  });

  it('has no settings to give without a dataset, and says which field is wrong with one', () => {
    expect(store(null).settings.config).toBeNull();
    const { settings } = store(sine, { input: [1], layers: [{ type: 'dense', units: 1 }] });
    settings.values.batchSize = 'lots';
    expect(settings.blocker).toBe('Fix the training settings: Batch size must be a whole number, such as 32');
    expect(settings.messages('batchSize')).toEqual(['must be a whole number, such as 32']);
  });

  it('shows a stored run’s settings with its seed, whichever it drew', () => {
    const view = runSettingsView({ task: 'regression', seed: 99, spec: { input: [1], layers: [{ type: 'dense', units: 1, init: 'he_normal' }] }, train: { loss: 'huber', huberDelta: 2, optimizer: { type: 'rmsprop', alpha: 0.9 }, batchSize: 8, epochs: 4 } });
    expect(view.values).toMatchObject({ loss: 'huber', huberDelta: '2', 'optimizer.type': 'rmsprop', 'optimizer.alpha': '0.9', seed: '99' });
    expect(view.fields.map((f) => f.path)).toEqual(expect.arrayContaining(['huberDelta', 'optimizer.alpha']));
    expect(view.initializer).toBe('he_normal');
  });
});

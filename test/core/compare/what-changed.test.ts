import { describe, expect, it } from 'vitest';
import { curveDifference, whatChanged } from '../../../src-core/compare/what-changed';
import { epochs, makeRun, train } from './run-fixtures';

const sgdTrain = { ...train, optimizer: { type: 'sgd' as const, lr: 0.1, momentum: 0.9 } };
// Validation accuracy per epoch for seeds 1..3: level at first, then the SGD runs pull ahead from epoch 3.
const adamAcc = [
  [0.5, 0.7, 0.8, 0.82, 0.83],
  [0.52, 0.69, 0.79, 0.81, 0.82],
  [0.51, 0.71, 0.8, 0.815, 0.825],
];
const sgdAcc = [
  [0.5, 0.71, 0.85, 0.87, 0.88],
  [0.51, 0.7, 0.84, 0.86, 0.87],
  [0.52, 0.72, 0.86, 0.875, 0.885],
];
const group = (name: string, acc: number[][], t = train) =>
  acc.map((a, i) => makeRun({ id: `${name}${i + 1}`, name: `${name} ${i + 1}`, seed: i + 1, train: t, metrics: epochs([1, 1, 1, 1, 1], { valAccuracy: a }) }));

describe('curveDifference', () => {
  it('finds the epoch from which the mean curves stay apart beyond their spreads, and the mean gap over the last epochs', () => {
    const c = curveDifference(group('sgd', sgdAcc, sgdTrain), group('adam', adamAcc), 'valAccuracy', 2);
    expect(c.divergesAt).toBe(3);
    expect(c.sharedEpochs).toBe(5);
    expect(c.lastK).toBe(2);
    // epochs 4 and 5: means 86.83 − 81.5 and 87.83 − 82.5 points
    expect(c.meanDifferenceLastK).toBeCloseTo(5.3333333, 6);
  });

  it('never diverges when the curves cross at the end', () => {
    const a = [makeRun({ id: 'a', metrics: epochs([1, 0.5, 0.3]) })];
    const b = [makeRun({ id: 'b', metrics: epochs([0.9, 0.6, 0.35]) })];
    expect(curveDifference(a, b, 'loss').divergesAt).toBe(2);
    const c = [makeRun({ id: 'c', metrics: epochs([0.9, 0.6, 0.25]) })];
    expect(curveDifference(a, c, 'loss').divergesAt).toBe(3);
    expect(curveDifference(a, a, 'loss').divergesAt).toBeNull();
  });
});

describe('whatChanged', () => {
  it('puts the settings, the curves and the verdict in one summary', () => {
    const w = whatChanged(group('sgd', sgdAcc, sgdTrain), group('adam', adamAcc), 'valAccuracy', { nameA: 'SGD+momentum', nameB: 'Adam', lastK: 2 });
    expect(w.settings.map((d) => [d.path, ...d.values])).toEqual([
      ['train.optimizer.type', 'sgd', 'adam'],
      ['train.optimizer.lr', 0.1, 0.01],
      ['train.optimizer.momentum', 0.9, undefined],
    ]);
    expect(w.verdict).toMatchObject({ design: 'paired', outcome: 'a-better' });
    expect(w.summary).toBe(
      'Changed: train.optimizer.type sgd → adam, train.optimizer.lr 0.1 → 0.01, train.optimizer.momentum 0.9 → —. ' +
        'The mean validation accuracy curves separate from epoch 3 on; over the last 2 epochs SGD+momentum is ahead by 5.3 points on average. ' +
        w.verdict.sentence,
    );
  });
});

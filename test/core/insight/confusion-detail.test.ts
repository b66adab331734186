import { describe, expect, it } from 'vitest';
import { cellRowsOf, confusionDetail, splitConfusion } from '../../../src-core/insight/index';
import { confusionMatrix } from '../../../src-core/nn/metrics/index';
import { createPredictor, createTrainingSession } from '../../../src-core/nn/index';
import { moonsTrainingData } from '../../support/moons-data';

describe('confusionDetail', () => {
  it('lists exactly the rows counted in each cell, and sorts the misclassified by confidence', () => {
    // 3 classes, softmax outputs of 6 rows
    const outputs = new Float32Array([
      0.7, 0.2, 0.1, // row 0: predicted 0, actual 0
      0.1, 0.8, 0.1, // row 1: predicted 1, actual 0
      0.2, 0.3, 0.5, // row 2: predicted 2, actual 1
      0.1, 0.6, 0.3, // row 3: predicted 1, actual 1
      0.9, 0.05, 0.05, // row 4: predicted 0, actual 2
      0.4, 0.45, 0.15, // row 5: predicted 1, actual 0
    ]);
    const actual = Int32Array.from([0, 0, 1, 1, 2, 0]);
    const d = confusionDetail(outputs, actual, 3, { labels: ['a', 'b', 'c'] });
    expect(Array.from(d.matrix)).toEqual([1, 2, 0, 0, 1, 1, 1, 0, 0]);
    expect(Array.from(cellRowsOf(d, 0, 1))).toEqual([1, 5]);
    expect(Array.from(cellRowsOf(d, 2, 0))).toEqual([4]);
    expect(Array.from(cellRowsOf(d, 2, 2))).toEqual([]);
    expect(Array.from(d.misclassified)).toEqual([4, 1, 2, 5]); // 0.9, 0.8, 0.5, 0.45
    expect(d.confidence[4]).toBeCloseTo(0.9, 6);
    expect(d.report.classes[0]).toMatchObject({ label: 'a', precision: 0.5, recall: 1 / 3, support: 3 });
    expect(d.report.macro.recall).toBeCloseTo((1 / 3 + 1 / 2 + 0) / 3, 12);
  });

  it('for a trained binary net: every cell\'s rows are the rows whose actual and predicted class it names, as many as the matrix counts', () => {
    const data = moonsTrainingData(120, 200, 0.35);
    const spec = { input: [2], layers: [{ type: 'dense' as const, units: 1 }, { type: 'sigmoid' as const }] };
    const session = createTrainingSession({ spec, train: { loss: 'bce', optimizer: { type: 'sgd', lr: 0.5 }, batchSize: 16, epochs: 5 }, data, seed: 1 });
    let last = session.runEpoch();
    while (!session.finished) last = session.runEpoch();
    const { x, y, rows } = data.validation!;
    const predictor = createPredictor(spec, session.state());
    const outputs = predictor.predict(x, rows);
    const actual = Int32Array.from(y);
    const d = splitConfusion(predictor, data.validation!, 2);
    const predicted = Int32Array.from(outputs, (p) => (p >= 0.5 ? 1 : 0));
    expect(d.matrix).toEqual(confusionMatrix(predicted, actual, 2));
    for (let a = 0; a < 2; a++) {
      for (let p = 0; p < 2; p++) {
        const cell = Array.from(cellRowsOf(d, a, p));
        expect(cell).toHaveLength(d.matrix[a * 2 + p]!);
        expect(cell).toEqual(Array.from({ length: rows }, (_, r) => r).filter((r) => actual[r] === a && predicted[r] === p));
      }
    }
    expect(d.misclassified.length).toBe(d.matrix[1]! + d.matrix[2]!);
    expect(d.report.accuracy).toBeCloseTo((d.matrix[0]! + d.matrix[3]!) / rows, 12);
    expect(d.report.accuracy).toBeCloseTo(last.valAccuracy!, 12); // what training reported for the same weights
    for (let i = 1; i < d.misclassified.length; i++) expect(d.confidence[d.misclassified[i - 1]!]).toBeGreaterThanOrEqual(d.confidence[d.misclassified[i]!]!);
  });

  it('reads logits when told the outputs are not probabilities', () => {
    const d = confusionDetail(new Float32Array([0, Math.log(3)]), Int32Array.from([0]), 2, { probabilities: false });
    expect(d.predicted[0]).toBe(1);
    expect(d.confidence[0]).toBeCloseTo(0.75, 6);
    const binary = confusionDetail(new Float32Array([-Math.log(3)]), Int32Array.from([1]), 2, { probabilities: false });
    expect(binary.predicted[0]).toBe(0);
    expect(binary.confidence[0]).toBeCloseTo(0.75, 6);
  });
});

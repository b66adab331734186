import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../../../src-core/contract/training';
import { inferColumns } from '../../../src-core/data/columns/infer-columns';
import { parseCsv } from '../../../src-core/data/csv/parse-csv';
import { diagnoseDataset } from '../../../src-core/data/doctor/diagnose-dataset';
import { buildDataset } from '../../../src-core/data/preprocess/build-dataset';
import { diagnose, inputStats, inputStatsFromReport, modelInputStats, pauseDecision } from '../../../src-core/insight/index';
import type { LayerDiagnostics, TrainingDiagnostics } from '../../../src-core/nn/index';

const epochs = (losses: number[], valLosses?: number[]): EpochMetrics[] =>
  losses.map((loss, i) => ({ epoch: i + 1, loss, lr: 0.1, seconds: 0.1, ...(valLosses ? { valLoss: valLosses[i]! } : {}) }));

const snapshot = (epoch: number, layers: Partial<LayerDiagnostics>[]): TrainingDiagnostics => ({
  epoch,
  layers: layers.map((l, index) => ({ index, type: 'dense', ...l })),
});

const kinds = (findings: { kind: string }[]): string[] => findings.map((f) => f.kind);

describe('diagnose', () => {
  it('says nothing about a steadily falling loss with healthy layers', () => {
    const losses = Array.from({ length: 30 }, (_, i) => Math.exp(-i / 5));
    const diag = [snapshot(5, [{ gradNorm: 0.1, updateRatio: 1e-3 }, { type: 'relu', deadFraction: 0.1 }, { gradNorm: 0.2, updateRatio: 1e-3 }])];
    expect(diagnose({ metrics: epochs(losses, losses.map((l) => l * 1.1)), diagnostics: diag })).toEqual([]);
  });

  it('names the layer with exploding gradients, dead ReLUs and saturated hidden units, each at the first epoch seen', () => {
    const diag = [
      snapshot(5, [{ gradNorm: 1 }, { type: 'relu', deadFraction: 0.2 }, { gradNorm: 1 }, { type: 'tanh', saturatedFraction: 0.9 }]),
      snapshot(10, [{ gradNorm: 5e3 }, { type: 'relu', deadFraction: 1 }, { gradNorm: 1 }, { type: 'tanh', saturatedFraction: 0.9 }]),
    ];
    const findings = diagnose({ metrics: [], diagnostics: diag });
    expect(findings.map((f) => [f.kind, f.epoch, f.layer?.index, f.severity])).toEqual([
      ['exploding_gradients', 10, 0, 'alarm'],
      ['dead_relu', 10, 1, 'alarm'],
    ]);
  });

  it('flags saturation in a hidden sigmoid but not in the output sigmoid', () => {
    const diag = [snapshot(3, [{ gradNorm: 1 }, { type: 'sigmoid', saturatedFraction: 0.7 }, { gradNorm: 1 }, { type: 'sigmoid', saturatedFraction: 0.99 }])];
    const findings = diagnose({ metrics: [], diagnostics: diag });
    expect(findings.map((f) => [f.kind, f.layer?.index])).toEqual([['saturated_units', 1]]);
  });

  it('sees a rising loss and an oscillating one as a learning rate too high', () => {
    expect(kinds(diagnose({ metrics: epochs([1, 1.2, 1.5, 2, 3, 5]) }))).toContain('learning_rate_too_high');
    const zigzag = Array.from({ length: 20 }, (_, i) => (i % 2 ? 0.6 : 0.9) - i * 0.001);
    const found = diagnose({ metrics: epochs(zigzag) }).find((f) => f.kind === 'learning_rate_too_high');
    expect(found?.message).toMatch(/oscillates/);
    expect(found?.epoch).toBe(16);
  });

  it('sees a flat loss far above the start as a plateau, but not a converged one', () => {
    const stuck = [1, 0.8, ...Array.from({ length: 18 }, () => 0.7)];
    expect(kinds(diagnose({ metrics: epochs(stuck) }))).toEqual(['plateau']);
    const converged = [1, 0.5, 0.2, ...Array.from({ length: 17 }, () => 0.05)];
    expect(diagnose({ metrics: epochs(converged) })).toEqual([]);
  });

  it('dates overfitting from the epoch the smoothed validation loss was lowest', () => {
    const train = Array.from({ length: 40 }, (_, i) => 1 / (1 + i));
    const val = Array.from({ length: 40 }, (_, i) => (i < 15 ? 1 / (1 + i) : 1 / 16 + (i - 15) * 0.01));
    const found = diagnose({ metrics: epochs(train, val) });
    expect(found.map((f) => [f.kind, f.epoch])).toEqual([['overfitting', 16]]);
    // The same rise within noise of ±10% is no trend.
    const noisy = Array.from({ length: 40 }, (_, i) => 0.1 * (1 + (i % 2 ? 0.1 : -0.1)));
    expect(diagnose({ metrics: epochs(train, noisy) })).toEqual([]);
  });

  it('names the unscaled input columns, the worst first, and what to try where the data can be scaled or not', () => {
    const x = new Float32Array([0, 1000, 20, 1, 2000, 40, -1, 3000, 60, 0.5, 4000, 80]); // (4, 3)
    const findings = diagnose({ metrics: epochs([1]), inputs: inputStats(x, 4, ['a', 'income', 'age']) });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.kind).toBe('unscaled_inputs');
    expect(findings[0]!.message).toMatch(/^Unscaled inputs: the model is fed 'income' \(mean 2500, standard deviation 1120\), 'age' \(mean 50, standard deviation 22.4\);/);
    expect(findings[0]!.message).not.toMatch(/'a'/);
    expect(findings[0]!.advice).toBe("Turn on standard scaling for 'income', 'age' in the Training tab's Data group (Duplicate & edit this run), then train again.");
    const generated = diagnose({ metrics: epochs([1]), inputs: inputStats(x, 4, ['a', 'income', 'age']), inputsScalable: false })[0]!;
    expect(generated.advice).toMatch(/used as generated.*scale 'income', 'age' in the file and import it.*Data group turns on standard scaling/);
  });

  it('lists at most four columns and counts the rest', () => {
    const names = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
    const inputs = names.map((name, i) => ({ name, mean: 100 * (i + 1), std: 1 }));
    const [finding] = diagnose({ metrics: [], inputs });
    expect(finding!.message).toMatch(/'c6' \(mean 600.*'c3' \(mean 300, standard deviation 1\), and 2 more;/);
    expect(finding!.advice).toMatch(/'c6', 'c5', 'c4', 'c3', and 2 more in/);
  });
});

describe('pauseDecision', () => {
  const ok: EpochMetrics = { epoch: 7, loss: 0.5, lr: 0.1, seconds: 1 };
  it('pauses on a NaN loss, a non-finite or exploding gradient, a dead ReLU layer, with the reason', () => {
    expect(pauseDecision({ ...ok, loss: NaN })).toEqual({ pause: true, reason: 'epoch 7: the training loss is NaN' });
    expect(pauseDecision({ ...ok, valLoss: Infinity })).toEqual({ pause: true, reason: 'epoch 7: the validation loss is Infinity' });
    expect(pauseDecision(ok, snapshot(7, [{ gradNorm: NaN }]))).toMatchObject({ reason: 'epoch 7: the gradient of layer 0 (dense) is NaN or infinite' });
    expect(pauseDecision(ok, snapshot(7, [{ gradNorm: 1 }, { gradNorm: 2e4 }]))).toMatchObject({ reason: expect.stringMatching(/layer 1 \(dense\) is 2.00e\+4.*exploding/) });
    expect(pauseDecision(ok, snapshot(7, [{ gradNorm: 1 }, { type: 'relu', deadFraction: 1 }]))).toMatchObject({ reason: expect.stringMatching(/dead network/) });
  });
  it('lets a healthy epoch go on', () => {
    expect(pauseDecision(ok, snapshot(7, [{ gradNorm: 1, weightNorm: 3 }, { type: 'relu', deadFraction: 0.4 }]))).toEqual({ pause: false });
    expect(pauseDecision(ok)).toEqual({ pause: false });
  });
});

describe('input stats from the stored dataset report', () => {
  const csv = (rows: string[]) => parseCsv(new Uint8Array(Buffer.from(['income,age,city,label', ...rows].join('\n') + '\n')), { fileName: 'people.csv' });
  const table = csv(Array.from({ length: 30 }, (_, i) => `${20000 + i * 1500},${20.5 + ((i * 7) % 25)},${i % 2 ? 'Oslo' : 'Rome'},${i % 3 ? 'y' : 'n'}`));
  const plan = inferColumns(table);
  const report = diagnoseDataset(table, plan);

  it('are the model inputs\' stats: unscaled when the run kept raw values, quiet when it standardized them', () => {
    const raw = buildDataset(table, plan, { seed: 1, scale: 'none' });
    const rawStats = inputStatsFromReport(report.columns, raw.preprocessor);
    expect(rawStats.map((s) => s.name)).toEqual(['income', 'age']);
    expect(rawStats[0]!.mean).toBeCloseTo(20000 + 14.5 * 1500, 6);
    expect(diagnose({ metrics: [], inputs: rawStats }).map((f) => f.message)).toEqual([expect.stringMatching(/^Unscaled inputs: the model is fed 'income' \(mean 4.2e\+4, .*'age' \(mean 32/)]);
    const scaled = buildDataset(table, plan, { seed: 1, scale: 'standard' });
    const stats = inputStatsFromReport(report.columns, scaled.preprocessor);
    // Over all rows (the report's) rather than the training rows the scaler saw: near 0 and 1, not exactly.
    expect(Math.abs(stats[0]!.mean)).toBeLessThan(0.5);
    expect(stats[0]!.std).toBeCloseTo(1, 0);
    expect(diagnose({ metrics: [], inputs: stats })).toEqual([]);
    // The same as computed from the model's own inputs, up to that difference of rows.
    const own = inputStats(scaled.training.train.x, scaled.training.train.rows, scaled.preprocessor.featureNames);
    expect(own[0]!.mean).toBeCloseTo(0, 5);
    expect(own[0]!.std).toBeCloseTo(1, 5);
  });

  it('modelInputStats: what the model is fed, after the run\'s scaling: raw 0..10000 is unscaled, standard-scaled is not', () => {
    const wide = csv(Array.from({ length: 40 }, (_, i) => `${i * 250},${20 + (i % 9)},${i % 2 ? 'Oslo' : 'Rome'},${i % 3 ? 'y' : 'n'}`));
    const widePlan = inferColumns(wide);
    const raw = buildDataset(wide, widePlan, { seed: 1, scale: 'none' });
    const rawStats = modelInputStats(raw.training, raw.preprocessor.featureNames)!;
    expect(rawStats.map((s) => s.name)).toEqual(raw.preprocessor.featureNames);
    expect(rawStats[0]).toMatchObject({ name: 'income' });
    expect(rawStats[0]!.std).toBeGreaterThan(2000);
    expect(diagnose({ metrics: [], inputs: rawStats }).map((f) => f.kind)).toEqual(['unscaled_inputs']);
    const scaled = buildDataset(wide, widePlan, { seed: 1, scale: 'standard' });
    expect(diagnose({ metrics: [], inputs: modelInputStats(scaled.training, scaled.preprocessor.featureNames)! })).toEqual([]);
    // Generated data is named x1, x2, …; images have no per-column statistics.
    const x = new Float32Array([1, 5000, 2, 6000]);
    expect(modelInputStats({ inputShape: [2], train: { x, y: new Float32Array(2), rows: 2 } })!.map((s) => [s.name, s.mean])).toEqual([['x1', 1.5], ['x2', 5500]]);
    expect(modelInputStats({ inputShape: [1, 2, 1], train: { x, y: new Float32Array(2), rows: 2 } })).toBeUndefined();
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunConfig } from '../../../src-core/contract/run-config';
import { Random } from '../../../src-core/data/random';
import { parseModelFile } from '../../../src-core/nn/model-file';
import { openStore } from '../../../src-main/store/lab-store';
import { csvText, nnLab, tempFolder } from './cli-harness';

/** Two noisy blobs labelled with words: "north" above the line y = x·0.5 + 100, "south" below. */
function blobsCsv(rows: number, seed: number): string {
  const rng = new Random(seed);
  const out: Array<Array<string | number>> = [];
  for (let i = 0; i < rows; i++) {
    const north = i % 2 === 0;
    const a = rng.normal() * 10 + 500; // a large offset and spread: unscaled, it would train badly
    const b = a * 0.5 + 100 + (north ? 4 : -4) + rng.normal() * 1.5;
    out.push([a.toFixed(4), b.toFixed(4), north ? 'north' : 'south']);
  }
  return csvText(['a', 'b', 'side'], out);
}

/** y = 2·u − 3·v + 1 plus a little noise. */
function linearCsv(rows: number, seed: number): string {
  const rng = new Random(seed);
  const out: Array<Array<string | number>> = [];
  for (let i = 0; i < rows; i++) {
    const u = rng.next() * 2 - 1;
    const v = rng.next() * 2 - 1;
    out.push([u.toFixed(5), v.toFixed(5), (2 * u - 3 * v + 1 + rng.normal() * 0.01).toFixed(5)]);
  }
  return csvText(['u', 'v', 'y'], out);
}

const classifierConfig: RunConfig = {
  name: 'blobs',
  data: { path: 'data/blobs.csv', target: 'side', preprocess: { scale: 'standard' }, validation: 0.2, test: 0.1 },
  model: { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 2 }, { type: 'softmax' }] },
  train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.05 }, batchSize: 16, epochs: 25, seed: 4 },
};

let tmp: ReturnType<typeof tempFolder>;
beforeEach(() => {
  tmp = tempFolder();
});
afterEach(() => tmp.cleanup());

describe('nn-lab train', () => {
  it('prints one line per epoch and a summary, and writes a model file with the preprocessing', async () => {
    mkdirSync(join(tmp.dir, 'data'));
    tmp.write('data/blobs.csv', blobsCsv(200, 1)); // data.path is relative to the config's folder
    tmp.write('run.json', JSON.stringify(classifierConfig));

    const result = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--out', 'model.json');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const lines = result.out.trim().split('\n');
    const epochLines = lines.filter((l) => l.startsWith('epoch '));
    expect(epochLines).toHaveLength(25);
    expect(epochLines[0]).toMatch(/^epoch {2}1\/25 {2}loss \d+\.\d{4} {2}acc \d\.\d{4} {2}val_loss \d+\.\d{4} {2}val_acc \d\.\d{4} {2}lr 0\.05 {2}\d+\.\d\ds$/);
    expect(lines).toContain('model written to model.json');
    expect(result.out).toMatch(/^trained 25 epochs in \d+\.\d\ds: loss /m);
    const test = /^test \(20 rows\) {2}loss (\S+) {2}acc (\S+) {2}macro_f1 (\S+)$/m.exec(result.out);
    expect(test).not.toBeNull();
    expect(Number(test![2])).toBeGreaterThanOrEqual(0.9);

    const model = parseModelFile(readFileSync(join(tmp.dir, 'model.json'), 'utf8'), 'model.json');
    expect(model.spec).toEqual(classifierConfig.model);
    expect(model.preprocess).toMatchObject({ featureNames: ['a', 'b'], inputShape: [2], target: { task: 'classification', columns: ['side'], classes: ['north', 'south'] } });
    expect(model.train).toEqual({ loss: 'cross_entropy' });
    const a = model.preprocess!.features[0]!;
    expect(a).toMatchObject({ kind: 'numeric', column: 'a', scaling: 'standard' });
    // fitted on the 140 training rows: the mean of column a is near 500
    expect(a.kind === 'numeric' && a.offset).toBeGreaterThan(495);
  });

  it('is reproducible: the same config and seed give the same epochs and weights', async () => {
    tmp.write('blobs.csv', blobsCsv(60, 2));
    const config = { ...classifierConfig, data: { ...classifierConfig.data, path: 'blobs.csv' }, train: { ...classifierConfig.train, epochs: 3 } };
    tmp.write('run.json', JSON.stringify(config));
    const first = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--out', 'a.json');
    const second = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--out', 'b.json');
    const strip = (out: string): string => out.replace(/ +\d+\.\d\ds$/gm, '').replace(/in \d+\.\d\ds/, '').replace(/\w\.json/, '');
    expect(strip(first.out)).toBe(strip(second.out));
    const state = (f: string): unknown => parseModelFile(readFileSync(join(tmp.dir, f), 'utf8'), f).state;
    expect(state('a.json')).toEqual(state('b.json'));
  });

  it('records the run, its epochs and its weights with --db', async () => {
    tmp.write('blobs.csv', blobsCsv(40, 3));
    const config = { ...classifierConfig, data: { path: 'blobs.csv', target: 'side' }, train: { ...classifierConfig.train, epochs: 4 } };
    tmp.write('run.json', JSON.stringify(config));
    const result = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--db', 'lab.db');
    expect(result.code).toBe(0);
    const id = /^run (\S+) recorded in lab\.db$/m.exec(result.out)?.[1];
    expect(id).toBeDefined();
    const store = openStore(join(tmp.dir, 'lab.db'));
    try {
      const run = store.getRun(id!);
      expect(run).toMatchObject({ name: 'blobs', status: 'completed', datasetName: 'blobs.csv', task: 'classification', epochs: 4, epochsDone: 4 });
      expect(run.metrics.map((m) => m.epoch)).toEqual([1, 2, 3, 4]);
      expect(store.getWeights(id!)?.state['0.weight']?.shape).toEqual([8, 2]);
    } finally {
      store.close();
    }
  });

  it('stops early and says so', async () => {
    tmp.write('lin.csv', linearCsv(50, 5));
    const config: RunConfig = {
      data: { path: 'lin.csv', target: 'y', validation: 0.2 },
      model: { input: [2], layers: [{ type: 'dense', units: 1 }] },
      // a rate this large makes the validation loss worse at once
      train: { loss: 'mse', optimizer: { type: 'sgd', lr: 0.9 }, batchSize: 40, epochs: 50, earlyStopping: { patience: 2 }, seed: 1 },
    };
    tmp.write('run.json', JSON.stringify(config));
    const result = await nnLab(tmp.dir, 'train', '--config', 'run.json');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^early stopping after epoch (\d+): best val_loss \S+ at epoch (\d+), weights restored from that epoch$/m);
    const [, stoppedAt, best] = /^early stopping after epoch (\d+): best val_loss \S+ at epoch (\d+)/m.exec(result.out)!;
    expect(Number(stoppedAt)).toBe(Number(best) + 2);
    expect(result.out.split('\n').filter((l) => l.startsWith('epoch '))).toHaveLength(Number(stoppedAt));
  });
});

describe('nn-lab predict and eval', () => {
  async function trainRegression(): Promise<void> {
    tmp.write('lin.csv', linearCsv(300, 6));
    tmp.write('test.csv', linearCsv(50, 7));
    const config: RunConfig = {
      data: { path: 'lin.csv', target: 'y', preprocess: { scale: 'minmax' } },
      model: { input: [2], layers: [{ type: 'dense', units: 1 }] },
      train: { loss: 'mse', optimizer: { type: 'adam', lr: 0.05 }, batchSize: 16, epochs: 60, seed: 2 },
    };
    tmp.write('run.json', JSON.stringify(config));
    const result = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--out', 'model.json');
    expect(result.code).toBe(0);
  }

  it('predict writes one output row per input row, applying the saved scaler', async () => {
    await trainRegression();
    const stdout = await nnLab(tmp.dir, 'predict', '--model', 'model.json', '--data', 'test.csv');
    expect(stdout.code).toBe(0);
    const lines = stdout.out.trim().split('\n');
    expect(lines[0]).toBe('output_0');
    expect(lines).toHaveLength(51);
    // the first test row's prediction is close to its target (the model learned y = 2u − 3v + 1)
    const [u, v] = readFileSync(join(tmp.dir, 'test.csv'), 'utf8').split('\n')[1]!.split(',').map(Number);
    expect(Number(lines[1])).toBeCloseTo(2 * u! - 3 * v! + 1, 1);

    const toFile = await nnLab(tmp.dir, 'predict', '--model', 'model.json', '--data', 'test.csv', '--out', 'pred.csv');
    expect(toFile.out).toBe('');
    expect(toFile.err).toBe('50 rows of 1 outputs written to pred.csv\n');
    expect(readFileSync(join(tmp.dir, 'pred.csv'), 'utf8')).toBe(stdout.out);
  });

  it('eval prints regression metrics as JSON, with the training loss', async () => {
    await trainRegression();
    const result = await nnLab(tmp.dir, 'eval', '--model', 'model.json', '--data', 'test.csv', '--target', 'y');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as Record<string, number | string>;
    expect(report).toMatchObject({ task: 'regression', rows: 50, lossName: 'mse' });
    expect(report.r2).toBeGreaterThan(0.99);
    expect(report.rmse).toBeLessThan(0.1);
    expect(report.mae).toBeLessThanOrEqual(report.rmse as number);
    expect(report.loss).toBeCloseTo((report.rmse as number) ** 2, 6);
  });

  it('eval prints accuracy, the confusion matrix and the per-class report for a classifier', async () => {
    tmp.write('blobs.csv', blobsCsv(200, 8));
    tmp.write('holdout.csv', blobsCsv(40, 9));
    const config = { ...classifierConfig, data: { path: 'blobs.csv', target: 'side', preprocess: { scale: 'standard' as const } } };
    tmp.write('run.json', JSON.stringify(config));
    expect((await nnLab(tmp.dir, 'train', '--config', 'run.json', '--out', 'm.json')).code).toBe(0);
    const result = await nnLab(tmp.dir, 'eval', '--model', 'm.json', '--data', 'holdout.csv');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    expect(report.task).toBe('classification');
    expect(report.classes).toEqual(['north', 'south']);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(report.confusionMatrix.flat().reduce((a: number, b: number) => a + b, 0)).toBe(40);
    expect(report.perClass.map((c: { support: number }) => c.support)).toEqual([20, 20]);
    expect(report.confusionMatrix[0][0] + report.confusionMatrix[1][1]).toBe(Math.round(report.accuracy * 40));
    expect(report.lossName).toBe('cross_entropy');
  });
});

describe('multilabel through the command line', () => {
  it('trains on several 0/1 target columns and eval reports exact-match and per-label accuracy', async () => {
    const rng = new Random(21);
    const rows: Array<Array<string | number>> = [];
    for (let i = 0; i < 200; i++) {
      const a = rng.next() * 2 - 1;
      const b = rng.next() * 2 - 1;
      rows.push([a.toFixed(4), b.toFixed(4), a > 0 ? 1 : 0, b > 0 ? 1 : 0]);
    }
    tmp.write('tags.csv', csvText(['a', 'b', 'east', 'north'], rows));
    const config: RunConfig = {
      data: { path: 'tags.csv', target: ['east', 'north'] },
      model: { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 2 }, { type: 'sigmoid' }] },
      train: { loss: 'bce', optimizer: { type: 'adam', lr: 0.05 }, batchSize: 20, epochs: 40, seed: 5 },
    };
    tmp.write('run.json', JSON.stringify(config));
    const trained = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--out', 'tags.json');
    expect(trained.code).toBe(0);
    expect(parseModelFile(readFileSync(join(tmp.dir, 'tags.json'), 'utf8'), 'tags.json').preprocess?.target.task).toBe('multilabel');
    const report = JSON.parse((await nnLab(tmp.dir, 'eval', '--model', 'tags.json', '--data', 'tags.csv')).out);
    expect(report).toMatchObject({ task: 'multilabel', rows: 200, lossName: 'bce' });
    expect(report.accuracy).toBeGreaterThan(0.9);
    expect(report.perLabelAccuracy).toBeGreaterThanOrEqual(report.accuracy);
  });

  it('refuses a multilabel target that is not 0 or 1, at its cell', async () => {
    tmp.write('tags.csv', 'a,b,east,north\n1,2,1,0\n3,4,2,1\n');
    tmp.write('run.json', JSON.stringify({
      data: { path: 'tags.csv', target: ['east', 'north'] },
      model: { input: [2], layers: [{ type: 'dense', units: 2 }, { type: 'sigmoid' }] },
      train: { loss: 'bce', optimizer: { type: 'sgd' }, batchSize: 2, epochs: 1 },
    }));
    const result = await nnLab(tmp.dir, 'train', '--config', 'run.json');
    expect(result.code).toBe(1);
    expect(result.err).toBe('nn-lab train: tags.csv:3:3: multilabel target "east" must be 0 or 1, not 2\n');
  });
});

describe('a perceptron through the command line', () => {
  it('trains on a linearly separable set, predicts 0/1 step outputs and scores them', async () => {
    const rng = new Random(12);
    const rows: Array<Array<string | number>> = [];
    for (let i = 0; i < 60; i++) {
      const a = rng.next() * 2 - 1;
      const b = rng.next() * 2 - 1;
      if (Math.abs(a + b) < 0.1) continue; // a margin, so the perceptron rule converges
      rows.push([a.toFixed(4), b.toFixed(4), a + b > 0 ? 'yes' : 'no']);
    }
    tmp.write('sep.csv', csvText(['a', 'b', 'ok'], rows));
    const config: RunConfig = {
      data: { path: 'sep.csv', target: 'ok' },
      model: { kind: 'perceptron', input: [2], layers: [] },
      train: { loss: 'bce', optimizer: { type: 'sgd', lr: 1 }, batchSize: 1, epochs: 30, seed: 3 },
    };
    tmp.write('run.json', JSON.stringify(config));
    expect((await nnLab(tmp.dir, 'train', '--config', 'run.json', '--out', 'p.json')).code).toBe(0);
    const predicted = await nnLab(tmp.dir, 'predict', '--model', 'p.json', '--data', 'sep.csv');
    const outputs = predicted.out.trim().split('\n').slice(1);
    expect(new Set(outputs)).toEqual(new Set(['0', '1']));
    expect(outputs.map((o, i) => (o === '1') === (rows[i]![2] === 'yes')).every(Boolean)).toBe(true);
    const report = JSON.parse((await nnLab(tmp.dir, 'eval', '--model', 'p.json', '--data', 'sep.csv')).out);
    expect(report).toMatchObject({ task: 'classification', classes: ['no', 'yes'], accuracy: 1 });
    expect(report.loss).toBeUndefined();
  });
});

describe('bad input: one clear line, a non-zero exit, no stack trace', () => {
  const config = { ...classifierConfig, data: { path: 'blobs.csv', target: 'side' } };

  async function expectOneLine(args: string[], code: number, pattern: RegExp): Promise<void> {
    const result = await nnLab(tmp.dir, ...args);
    expect(result.code).toBe(code);
    const firstLine = result.err.split('\n')[0]!;
    expect(firstLine).toMatch(pattern);
    expect(result.err).not.toMatch(/^\s+at /m);
    if (code === 1) expect(result.err.trim().split('\n')).toHaveLength(1);
  }

  beforeEach(() => {
    tmp.write('blobs.csv', blobsCsv(20, 1));
  });

  it('missing and unknown flags are usage errors (exit 2)', async () => {
    await expectOneLine(['train'], 2, /^nn-lab train: missing --config FILE$/);
    await expectOneLine(['train', '--config', 'run.json', '--epochs', '3'], 2, /^nn-lab train: Unknown option '--epochs'/);
    await expectOneLine(['predict', '--model', 'm.json'], 2, /^nn-lab predict: missing --data FILE$/);
    await expectOneLine(['eval', '--data', 'x.csv'], 2, /^nn-lab eval: missing --model FILE$/);
  });

  it('a missing file is named', async () => {
    await expectOneLine(['train', '--config', 'nope.json'], 1, /^nn-lab train: nope\.json: run config not found$/);
    tmp.write('run.json', JSON.stringify({ ...config, data: { path: 'missing.csv', target: 'side' } }));
    await expectOneLine(['train', '--config', 'run.json'], 1, /^nn-lab train: missing\.csv: data file not found$/);
  });

  it('bad JSON is reported with its line and column', async () => {
    tmp.write('run.json', '{\n  "name": "x",\n  "data": {"path": "blobs.csv" "target": "side"}\n}\n');
    await expectOneLine(['train', '--config', 'run.json'], 1, /^nn-lab train: run\.json:3:32: invalid JSON: unexpected "\\"", expected ',' or '}'/);
  });

  it('a schema error names the field and its line', async () => {
    const text = JSON.stringify({ ...config, train: { ...config.train, batchSize: 'sixteen' } }, null, 2);
    tmp.write('run.json', text);
    const line = text.split('\n').findIndex((l) => l.includes('"sixteen"')) + 1;
    await expectOneLine(['train', '--config', 'run.json'], 1, new RegExp(`^nn-lab train: run\\.json:${line}:\\d+: train\\.batchSize: .*expected number`));
    tmp.write('run.json', JSON.stringify({ ...config, model: { input: [2], layers: [{ type: 'dense', units: 0 }] } }));
    await expectOneLine(['train', '--config', 'run.json'], 1, /^nn-lab train: run\.json:1:\d+: model\.layers\.0\.units: Too small/);
  });

  it('a model that cannot fit the loss names the layer', async () => {
    tmp.write('run.json', JSON.stringify({ ...config, model: { input: [2], layers: [{ type: 'dense', units: 2 }] } }));
    await expectOneLine(['train', '--config', 'run.json'], 1, /^nn-lab train: run\.json:\d+:\d+: model\.layers\.0: .*cross_entropy needs the network to end with softmax/);
  });

  it('a non-numeric cell and a ragged row are reported at their line and column', async () => {
    tmp.write('bad.csv', 'a,b,side\n1,2,north\n3, x7,south\n');
    tmp.write('run.json', JSON.stringify({ ...config, data: { path: 'bad.csv', target: 'side' } }));
    await expectOneLine(['train', '--config', 'run.json'], 1, /^nn-lab train: bad\.csv:3:2: "x7" in column "b" is not a number$/);
    tmp.write('bad.csv', 'a,b,side\n1,2,north\n3,4\n');
    await expectOneLine(['train', '--config', 'run.json'], 1, /^nn-lab train: bad\.csv:3:3: this row has 2 fields, the header has 3$/);
  });

  it('an unknown target column lists the available ones', async () => {
    tmp.write('run.json', JSON.stringify({ ...config, data: { path: 'blobs.csv', target: 'label' } }));
    await expectOneLine(['train', '--config', 'run.json'], 1, /^nn-lab train: run\.json:1:\d+: target column "label" is not in blobs\.csv; its columns are: a, b, side$/);
    tmp.write('run.json', JSON.stringify({ ...config, train: { ...config.train, epochs: 1 } }));
    expect((await nnLab(tmp.dir, 'train', '--config', 'run.json', '--out', 'm.json')).code).toBe(0);
    await expectOneLine(['eval', '--model', 'm.json', '--data', 'blobs.csv', '--target', 'colour'], 1, /^nn-lab eval: blobs\.csv:1: target column "colour" is not in the file; its columns are: a, b, side$/);
  });

  it('a label outside data.classes, and too few classes for the network, are explained', async () => {
    tmp.write('run.json', JSON.stringify({ ...config, data: { path: 'blobs.csv', target: 'side', classes: ['north', 'east'] } }));
    await expectOneLine(['train', '--config', 'run.json'], 1, /^nn-lab train: blobs\.csv:3:3: the target value 'south' is not one of the classes you listed \(north, east\)$/);
    tmp.write('run.json', JSON.stringify({ ...config, data: { path: 'blobs.csv', target: 'side', classes: ['north', 'south', 'west'] } }));
    await expectOneLine(['train', '--config', 'run.json'], 1, /the network has 2 outputs but the target has 3 classes \(north, south, west\)/);
  });

  it('a broken model file is reported with its line and field', async () => {
    tmp.write('m.json', '{"format": "nn-lab-model", "version": 1,\n "spec": {"input": [2], "layers": []},\n "state": {"0.weight": {"shape": [2, 2], "data": [1, 2, 3]}}}\n');
    await expectOneLine(['predict', '--model', 'm.json', '--data', 'blobs.csv'], 1, /^nn-lab predict: m\.json:3:\d+: state\.0\.weight\.data: has 3 values but shape \[2, 2\] needs 4$/);
    tmp.write('m.json', '{"format": "nn-lab-model", "version": 1,\n "spec": {"input": [2], "layers": [{"type": "dense", "units": 1}]},\n "state": {}}\n');
    await expectOneLine(['predict', '--model', 'm.json', '--data', 'blobs.csv'], 1, /^nn-lab predict: m\.json: weights: "0\.weight" is missing/);
  });

  it('validation and test fractions that leave no training rows are refused', async () => {
    tmp.write('run.json', JSON.stringify({ ...config, data: { path: 'blobs.csv', target: 'side', validation: 0.5, test: 0.5 } }));
    await expectOneLine(['train', '--config', 'run.json'], 1, /^nn-lab train: run\.json:1:\d+: validation \+ test must leave rows to train on/);
  });

  it('an output folder that does not exist fails before training', async () => {
    tmp.write('run.json', JSON.stringify(config));
    const result = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--out', 'no/such/folder/m.json');
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toBe('nn-lab train: no/such/folder/m.json: cannot write the output file: its folder does not exist\n');
  });
});

describe('the built nn-lab command', () => {
  const root = resolve(__dirname, '../../..');
  const built = existsSync(join(root, 'out/main/cli.js'));

  it.skipIf(!built)('trains (recording the run), predicts and reports a bad flag as a child process', () => {
    tmp.write('lin.csv', linearCsv(40, 11));
    tmp.write('run.json', JSON.stringify({
      data: { path: 'lin.csv', target: 'y' },
      model: { input: [2], layers: [{ type: 'dense', units: 1 }] },
      train: { loss: 'mse', optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 8, epochs: 3 },
    }));
    const bin = join(root, 'bin/nn-lab.mjs');
    const run = (...args: string[]): ReturnType<typeof spawnSync> => spawnSync(process.execPath, [bin, ...args], { cwd: tmp.dir, encoding: 'utf8' });
    const train = run('train', '--config', 'run.json', '--out', 'model.json', '--db', 'lab.db');
    expect(train.stderr).toBe('');
    expect(train.status).toBe(0);
    expect(String(train.stdout)).toMatch(/^run \S+ recorded in lab\.db$/m); // the native SQLite module loads in the built CLI
    expect(String(train.stdout).split('\n').filter((l) => l.startsWith('epoch '))).toHaveLength(3);
    const predict = run('predict', '--model', 'model.json', '--data', 'lin.csv');
    expect(predict.status).toBe(0);
    expect(String(predict.stdout).trim().split('\n')).toHaveLength(41);
    const bad = run('train', '--config', 'run.json', '--bogus');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^nn-lab train: Unknown option '--bogus'/);
  });
});

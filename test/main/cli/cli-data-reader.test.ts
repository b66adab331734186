import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunConfig } from '../../../src-core/contract/run-config';
import { Random } from '../../../src-core/data/random';
import { parseModelFile } from '../../../src-core/nn/model-file';
import { nnLab, tempFolder } from './cli-harness';

/**
 * The CLI reads data with the app's reader and preprocessor: semicolon files with decimal commas, quoted
 * fields, categorical columns one-hot encoded, rows with missing values left out of training and refused
 * at their line by predict, classes the model never saw reported by eval rather than crashing it.
 */
let tmp: ReturnType<typeof tempFolder>;
beforeEach(() => {
  tmp = tempFolder();
});
afterEach(() => tmp.cleanup());

/** `a;b;side` with decimal commas: "north" when b > a. */
function semicolonCsv(rows: number, seed: number): string {
  const rng = new Random(seed);
  const lines = ['a;b;"side"'];
  for (let i = 0; i < rows; i++) {
    const a = rng.next() * 2 - 1;
    const b = rng.next() * 2 - 1;
    lines.push(`${a.toFixed(3).replace('.', ',')};${b.toFixed(3).replace('.', ',')};${b > a ? 'north' : '"south"'}`);
  }
  return `${lines.join('\n')}\n`;
}

const mlp = { input: [2], layers: [{ type: 'dense' as const, units: 8 }, { type: 'tanh' as const }, { type: 'dense' as const, units: 2 }, { type: 'softmax' as const }] };
const train: RunConfig['train'] = { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.05 }, batchSize: 16, epochs: 30, seed: 1 };

describe('nn-lab train, predict and eval on the real reader', () => {
  it('reads a semicolon file with decimal commas and quoted labels, and predicts and scores it', async () => {
    tmp.write('points.csv', semicolonCsv(200, 3));
    tmp.write('run.json', JSON.stringify({ data: { path: 'points.csv', target: 'side', preprocess: { scale: 'standard' } }, model: mlp, train }));
    const trained = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--out', 'm.json');
    expect(trained.err).toBe('');
    expect(trained.code).toBe(0);
    const model = parseModelFile(readFileSync(join(tmp.dir, 'm.json'), 'utf8'), 'm.json');
    expect(model.preprocess).toMatchObject({ features: ['a', 'b'], classes: ['north', 'south'], scaler: { kind: 'standard' } });
    const report = JSON.parse((await nnLab(tmp.dir, 'eval', '--model', 'm.json', '--data', 'points.csv')).out);
    expect(report).toMatchObject({ task: 'classification', rows: 200, classes: ['north', 'south'] });
    expect(report.accuracy).toBeGreaterThan(0.9);
  });

  it('one-hot encodes a categorical column, and says why such a model cannot be written to a file yet', async () => {
    const rng = new Random(5);
    const lines = ['size,colour,label'];
    for (let i = 0; i < 120; i++) {
      const colour = ['red', 'green', 'blue'][i % 3]!;
      lines.push(`${(rng.next() * 10).toFixed(2)},${colour},${colour === 'red' ? 'warm' : 'cold'}`);
    }
    tmp.write('shop.csv', `${lines.join('\n')}\n`);
    const config = { data: { path: 'shop.csv', target: 'label' }, model: { ...mlp, input: [4] }, train: { ...train, epochs: 20 } };
    tmp.write('run.json', JSON.stringify(config));
    const trained = await nnLab(tmp.dir, 'train', '--config', 'run.json');
    expect(trained.code).toBe(0);
    expect(trained.out).toMatch(/^trained 20 epochs in \d+\.\d\ds: loss \S+ {2}acc 1\.0000$/m);

    tmp.write('run.json', JSON.stringify({ ...config, model: mlp }));
    const wrongInput = await nnLab(tmp.dir, 'train', '--config', 'run.json');
    expect(wrongInput.err).toMatch(/^nn-lab train: run\.json:1:\d+: the model's input \[2\] takes 2 values per row, but shop\.csv gives 4 \(size, colour=blue, colour=green, colour=red\)\n$/);

    tmp.write('run.json', JSON.stringify(config));
    const toFile = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--out', 'm.json');
    expect(toFile.code).toBe(1);
    expect(toFile.err).toMatch(/^nn-lab train: shop\.csv: cannot write a model file for this data: column 'colour' is categorical \(one-hot\)/);
    expect(toFile.out).toBe('');
  });

  it('leaves rows with a missing value out of training, and predict refuses such a row at its line', async () => {
    const rows = semicolonCsv(100, 4).split('\n');
    rows[5] = rows[5]!.replace(/^[^;]*/, 'NA');
    tmp.write('points.csv', rows.join('\n'));
    tmp.write('run.json', JSON.stringify({ data: { path: 'points.csv', target: 'side' }, model: mlp, train: { ...train, epochs: 2 } }));
    const trained = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--out', 'm.json');
    expect(trained.code).toBe(0);
    expect(trained.err).toBe('1 row of points.csv left out (a missing value or target; first at line 6)\n');
    const predicted = await nnLab(tmp.dir, 'predict', '--model', 'm.json', '--data', 'points.csv');
    expect(predicted.code).toBe(1);
    expect(predicted.err).toBe('nn-lab predict: points.csv:6: this row has a missing value in a column the model reads (the model was trained without filling missing values)\n');
  });

  it('eval reports a class the model never saw and scores the other rows', async () => {
    tmp.write('points.csv', semicolonCsv(100, 6));
    tmp.write('run.json', JSON.stringify({ data: { path: 'points.csv', target: 'side' }, model: mlp, train: { ...train, epochs: 2 } }));
    expect((await nnLab(tmp.dir, 'train', '--config', 'run.json', '--out', 'm.json')).code).toBe(0);
    const rows = semicolonCsv(20, 7).split('\n');
    rows[3] = rows[3]!.replace(/north|"south"/, 'east');
    tmp.write('more.csv', rows.join('\n'));
    const result = await nnLab(tmp.dir, 'eval', '--model', 'm.json', '--data', 'more.csv');
    expect(result.code).toBe(0);
    expect(result.err).toContain("more.csv: 'east' in column 'side' is a class the model does not know (1 row, first at line 4): left out");
    expect(JSON.parse(result.out)).toMatchObject({ task: 'classification', rows: 19 });
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunConfig } from '../../../src-core/contract/run-config';
import { Random } from '../../../src-core/data/random';
import { parseModelFile } from '../../../src-core/nn/model-file';
import { nnLab, tempFolder } from './cli-harness';

/**
 * The CLI reads data with the app's reader and preprocessor: semicolon files with decimal commas, quoted
 * fields, categorical and yes/no columns encoded (and kept in the model file), rows with missing values left out of training and refused
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
    expect(model.preprocess).toMatchObject({ featureNames: ['a', 'b'], target: { classes: ['north', 'south'] } });
    expect(model.preprocess!.features.map((t) => t.kind === 'numeric' && t.scaling)).toEqual(['standard', 'standard']);
    const report = JSON.parse((await nnLab(tmp.dir, 'eval', '--model', 'm.json', '--data', 'points.csv')).out);
    expect(report).toMatchObject({ task: 'classification', rows: 200, classes: ['north', 'south'] });
    expect(report.accuracy).toBeGreaterThan(0.9);
  });

  it('one-hot encodes a categorical column and reads a yes/no column; the model file keeps both, and predict and eval apply them', async () => {
    const rng = new Random(5);
    const lines = ['size,colour,sale,label'];
    for (let i = 0; i < 120; i++) {
      const colour = ['red', 'green', 'blue'][i % 3]!;
      const sale = rng.next() < 0.5 ? 'yes' : 'no';
      lines.push(`${(rng.next() * 10).toFixed(2)},${colour},${sale},${colour === 'red' || sale === 'yes' ? 'warm' : 'cold'}`);
    }
    tmp.write('shop.csv', `${lines.join('\n')}\n`);
    const config = { data: { path: 'shop.csv', target: 'label', preprocess: { scale: 'minmax' } }, model: { ...mlp, input: [5] }, train: { ...train, epochs: 40 } };
    tmp.write('run.json', JSON.stringify({ ...config, model: mlp }));
    const wrongInput = await nnLab(tmp.dir, 'train', '--config', 'run.json');
    expect(wrongInput.err).toMatch(/^nn-lab train: run\.json:1:\d+: the model's input \[2\] takes 2 values per row, but shop\.csv gives 5 \(size, colour=blue, colour=green, colour=red, sale\)\n$/);

    tmp.write('run.json', JSON.stringify(config));
    const trained = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--out', 'm.json');
    expect(trained.err).toBe('');
    expect(trained.code).toBe(0);
    expect(trained.out).toMatch(/^trained 40 epochs in \d+\.\d\ds: loss \S+ {2}acc 1\.0000$/m);
    const model = parseModelFile(readFileSync(join(tmp.dir, 'm.json'), 'utf8'), 'm.json');
    expect(model.preprocess!.features.map((t) => t.kind)).toEqual(['numeric', 'categorical', 'boolean']);
    expect(model.preprocess!.features[1]).toMatchObject({ column: 'colour', categories: ['blue', 'green', 'red'] });

    // The same transform at eval: every training row right, as in training's last epoch.
    const report = JSON.parse((await nnLab(tmp.dir, 'eval', '--model', 'm.json', '--data', 'shop.csv')).out);
    expect(report).toMatchObject({ task: 'classification', rows: 120, accuracy: 1, classes: ['cold', 'warm'] });

    // New rows, columns in another order, one colour never seen in training: reported, not a crash.
    tmp.write('new.csv', 'colour,sale,size\nred,no,3\nblue,no,4\npurple,no,5\ngreen,yes,6\n');
    const predicted = await nnLab(tmp.dir, 'predict', '--model', 'm.json', '--data', 'new.csv');
    expect(predicted.code).toBe(0);
    expect(predicted.err).toBe("new.csv:4: 'purple' in column 'colour' is a category the model was not trained on (1 row): encoded as none of blue, green, red\n");
    const outputs = predicted.out.trim().split('\n').slice(1).map((line) => line.split(',').map(Number));
    expect(outputs).toHaveLength(4);
    const warm = outputs.map((o) => o[1]! > 0.5);
    expect([warm[0], warm[1], warm[3]]).toEqual([true, false, true]);

    tmp.write('odd.csv', 'size,colour,sale\n3,red,maybe\n');
    const odd = await nnLab(tmp.dir, 'predict', '--model', 'm.json', '--data', 'odd.csv');
    expect(odd.code).toBe(0);
    expect(odd.err).toBe("odd.csv:2: 'maybe' in column 'sale' is neither 'yes' nor 'no' (1 row): read as 'no'\n");
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

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src-main/store/lab-store';
import { smallRun } from '../../support/small-run';
import { csvText, nnLab, tempFolder } from './cli-harness';

let tmp: ReturnType<typeof tempFolder>;
beforeEach(() => {
  tmp = tempFolder();
});
afterEach(() => tmp.cleanup());

const config = {
  data: { path: 'data.csv', target: 'label' },
  model: { input: [2], layers: [{ type: 'dense', units: 4 }, { type: 'tanh' }, { type: 'dense', units: 2 }, { type: 'softmax' }] },
  train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.05 }, batchSize: 8, epochs: 2 },
};
const rows = (n: number) => Array.from({ length: n }, (_, i) => [(i % 7) / 7, (i % 5) / 5, i % 2 ? 'yes' : 'no']);

/** Trains a small model to model.json; returns its parsed JSON. */
async function trainModel(): Promise<{ state: Record<string, { shape: number[]; data: number[] | string; encoding?: string }> }> {
  tmp.write('data.csv', csvText(['a', 'b', 'label'], rows(40)));
  tmp.write('run.json', JSON.stringify(config));
  expect((await nnLab(tmp.dir, 'train', '--config', 'run.json', '--out', 'model.json')).code).toBe(0);
  return JSON.parse(readFileSync(join(tmp.dir, 'model.json'), 'utf8'));
}

describe('clear messages, never engine internals', () => {
  it('refuses a config nested 100,000 deep without "Maximum call stack size exceeded"', async () => {
    tmp.write('deep.json', `{"data": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const result = await nnLab(tmp.dir, 'train', '--config', 'deep.json');
    expect(result.code).toBe(1);
    expect(result.err).not.toMatch(/call stack/);
    expect(result.err).toMatch(/^nn-lab train: deep\.json(:\d+:\d+)?: data: Invalid input: expected object, received array\n$/);
  });

  it.each([
    ['model', (c: Record<string, unknown>) => delete c.model, 'model: missing'],
    ['data.target', (c: Record<string, unknown>) => delete (c.data as Record<string, unknown>).target, 'data.target: missing'],
  ])('says a missing %s is missing', async (_, drop, message) => {
    const broken = structuredClone(config) as unknown as Record<string, unknown>;
    drop(broken);
    tmp.write('run.json', JSON.stringify(broken, null, 2));
    const result = await nnLab(tmp.dir, 'train', '--config', 'run.json');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(new RegExp(`run\\.json:\\d+:\\d+: ${message.replace('.', '\\.')}\\n$`));
  });

  it('blames an all-missing feature column, not the split', async () => {
    tmp.write('data.csv', csvText(['a', 'empty', 'label'], rows(40).map(([a, , label]) => [a!, 'NA', label!])));
    tmp.write('run.json', JSON.stringify(config));
    const result = await nnLab(tmp.dir, 'train', '--config', 'run.json');
    expect(result.code).toBe(1);
    expect(result.err).toBe("nn-lab train: data.csv: the feature column 'empty' has no values (every row is missing), so every row is left out: remove it from the features\n");
    expect(result.err).not.toMatch(/validation/);
  });

  it.each([
    ['1e\\+39', (data: number[]) => ((data[0] = 1e39), data)],
    ['NaN', (data: number[]) => Buffer.from(new Float32Array(data.map((v, i) => (i === 1 ? NaN : v))).buffer).toString('base64')],
  ])('refuses a model file with a %s weight instead of printing NaN rows', async (what, spoil) => {
    const model = await trainModel();
    const weight = model.state['0.weight']!;
    const data = typeof weight.data === 'string' ? Array.from(new Float32Array(Buffer.from(weight.data, 'base64').buffer.slice(0))) : weight.data;
    weight.data = spoil(data);
    if (typeof weight.data === 'string') weight.encoding = 'base64-f32le';
    else delete weight.encoding;
    writeFileSync(join(tmp.dir, 'model.json'), JSON.stringify(model));
    const result = await nnLab(tmp.dir, 'predict', '--model', 'model.json', '--data', 'data.csv');
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toMatch(new RegExp(`model\\.json(:\\d+:\\d+)?: state\\.0\\.weight\\.data: value \\d is ${what}: a weight must be a finite float32 number`));
  });

  it('names the run and the field of a damaged stored config', async () => {
    const store = openStore(join(tmp.dir, 'lab.db'));
    store.createRun(smallRun('damaged-run'));
    store.close();
    const db = new Database(join(tmp.dir, 'lab.db'));
    db.prepare(`UPDATE runs SET config = json_set(config, '$.train.batchSize', 'many') WHERE id = 'damaged-run'`).run();
    db.close();
    const result = await nnLab(tmp.dir, 'runs', 'show', 'damaged-run', '--db', 'lab.db');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Run damaged-run: its stored config is damaged \(train\.batchSize: Invalid input: expected number, received string\)/);
  });

  it('refuses eval --target on a feature column in one line', async () => {
    await trainModel();
    tmp.write('wide.csv', csvText(['a', 'b', 'label'], Array.from({ length: 200 }, (_, i) => [i / 200, (i % 5) / 5, i % 2 ? 'yes' : 'no'])));
    const result = await nnLab(tmp.dir, 'eval', '--model', 'model.json', '--data', 'wide.csv', '--target', 'a');
    expect(result.code).toBe(1);
    expect(result.err.trim().split('\n'), result.err).toHaveLength(1);
    expect(result.err).toMatch(/--target a: the model reads 'a' as a feature; it was trained to predict label/);
  });
});

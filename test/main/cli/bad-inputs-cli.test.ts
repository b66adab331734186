import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvText, nnLab, tempFolder } from './cli-harness';

/**
 * The bad command lines that held in issue 10's attack (140 of them), kept so they stay true: every command
 * refuses unknown flags, missing values, bad numbers, missing files, folders, empty files and broken JSON with
 * exit code 2 (the command line) or 1 (the input), one message naming the command, and never a stack trace.
 */

let tmp: ReturnType<typeof tempFolder>;
beforeAll(() => {
  tmp = tempFolder();
  tmp.write('data.csv', csvText(['a', 'b', 'label'], Array.from({ length: 20 }, (_, i) => [i / 20, (i * 7) % 5, i % 2 ? 'yes' : 'no'])));
  tmp.write('run.json', JSON.stringify({
    data: { path: 'data.csv', target: 'label' },
    model: { input: [2], layers: [{ type: 'dense', units: 2 }, { type: 'softmax' }] },
    train: { loss: 'cross_entropy', optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 4, epochs: 1 },
  }));
  tmp.write('empty.csv', '');
  tmp.write('empty.json', '');
  tmp.write('bad.json', '{\n  "data": {"path": "data.csv",, }\n}\n');
  tmp.write('array.json', '[1, 2, 3]\n');
  tmp.write('empty.safetensors', '');
  mkdirSync(join(tmp.dir, 'folder'));
  mkdirSync(join(tmp.dir, 'folder.json'));
  mkdirSync(join(tmp.dir, 'folder.csv'));
});
afterAll(() => tmp.cleanup());

const db = ['--db', 'lab.db'];

/** [command line, exit code, what the message must say]. */
const cases: Array<[string[], 1 | 2, RegExp]> = [
  // any command
  [['frobnicate'], 2, /unknown command 'frobnicate'/],
  [['--frobnicate'], 2, /unknown command/],
  ...(['train', 'inspect', 'predict', 'eval', 'runs', 'compare', 'export', 'backup', 'import-weights', 'sweep'] as const).map(
    (command): [string[], 1 | 2, RegExp] => [[command, '--no-such-flag'], 2, /no-such-flag/],
  ),
  // train
  [['train'], 2, /--config/],
  [['train', '--config'], 2, /--config/],
  [['train', '--config', 'missing.json'], 1, /missing\.json/],
  [['train', '--config', 'folder.json'], 1, /folder\.json/],
  [['train', '--config', 'empty.json'], 1, /empty\.json/],
  [['train', '--config', 'bad.json'], 1, /bad\.json:2:\d+/],
  [['train', '--config', 'array.json'], 1, /array\.json/],
  [['train', '--config', 'data.csv'], 1, /data\.csv:1:1/],
  [['train', '--config', '/dev/null'], 1, /\/dev\/null/],
  [['train', '--config', 'run.json', '--kernels', 'gpu'], 2, /--kernels/],
  [['train', '--config', 'run.json', '--db', 'folder'], 1, /folder/],
  [['train', '--config', 'bad.json', '--out'], 2, /--out/],
  // inspect
  [['inspect'], 2, /FILE|file/],
  [['inspect', 'missing.csv'], 1, /missing\.csv/],
  [['inspect', 'folder.csv'], 1, /folder\.csv/],
  [['inspect', 'empty.csv'], 1, /empty\.csv/],
  [['inspect', '/dev/zero'], 1, /\/dev\/zero/],
  [['inspect', 'data.csv', '--target'], 2, /--target/],
  [['inspect', 'data.csv', '--target', 'nope'], 1, /nope/],
  // predict and eval
  ...(['predict', 'eval'] as const).flatMap((command): Array<[string[], 1 | 2, RegExp]> => [
    [[command], 2, /--model/],
    [[command, '--model', 'missing.json', '--data', 'data.csv'], 1, /missing\.json/],
    [[command, '--model', 'folder.json', '--data', 'data.csv'], 1, /folder\.json/],
    [[command, '--model', 'empty.json', '--data', 'data.csv'], 1, /empty\.json/],
    [[command, '--model', 'bad.json', '--data', 'data.csv'], 1, /bad\.json:2:\d+/],
    [[command, '--model', 'array.json', '--data', 'data.csv'], 1, /array\.json/],
    [[command, '--model', 'bad.json', '--data'], 2, /--data/],
  ]),
  // runs
  [['runs', ...db], 2, /list|show/],
  [['runs', 'frob', ...db], 2, /frob/],
  [['runs', 'show', ...db], 2, /ID|id/],
  [['runs', 'show', 'no-such-run', ...db], 1, /lab\.db/],
  [['runs', 'delete', ...db], 2, /ID|id/],
  [['runs', 'list', '--db'], 2, /--db/],
  [['runs', 'list', '--db', 'folder'], 1, /folder/],
  [['runs', 'import', ...db], 2, /BUNDLE/],
  [['runs', 'import', 'missing.json', ...db], 1, /missing\.json/],
  [['runs', 'import', 'bad.json', ...db], 1, /bad\.json/],
  [['runs', 'import', 'empty.json', ...db], 1, /empty\.json/],
  [['runs', 'import', 'folder.json', ...db], 1, /folder\.json/],
  // compare and export
  [['compare', ...db], 2, /ID|id/],
  [['compare', 'a', 'b', '--metric', 'nope', ...db], 2, /--metric/],
  [['compare', 'a', 'b', '--margin', 'wide', ...db], 2, /--margin/],
  [['compare', 'a', 'b', '--target', 'NaN', ...db], 2, /--target/],
  [['compare', 'a', 'b', '--at', 'middle', ...db], 2, /--at/],
  [['compare', 'a', 'b', ...db], 1, /lab\.db/],
  [['export', ...db], 2, /ID|id/],
  [['export', 'r', '--format', 'gif', ...db], 2, /--format/],
  [['export', 'no-such-run', ...db], 1, /lab\.db/],
  // backup, import-weights, sweep
  [['backup', ...db], 2, /--out/],
  [['backup', '--out', 'folder', ...db], 1, /folder/],
  [['import-weights'], 2, /--model/],
  [['import-weights', '--model', 'missing.json', '--weights', 'empty.safetensors', '--out', 'x.json'], 1, /missing\.json/],
  [['import-weights', '--model', 'bad.json', '--weights', 'empty.safetensors', '--out', 'x.json'], 1, /bad\.json/],
  [['sweep'], 2, /--config/],
  [['sweep', '--config', 'missing.json', ...db], 1, /missing\.json/],
  [['sweep', '--config', 'bad.json', ...db], 1, /bad\.json:2:\d+/],
  [['sweep', '--config', 'folder.json', ...db], 1, /folder\.json/],
];

describe('bad command lines', () => {
  it.each(cases)('nn-lab %j', async (args, code, message) => {
    const result = await nnLab(tmp.dir, ...args);
    expect(result.err).toMatch(/^nn-lab/);
    expect(result.err).toMatch(message);
    expect(result.err).not.toMatch(/\n\s+at |Maximum call stack|TypeError|undefined/);
    expect(result.err.split('\n').length).toBeLessThan(8);
    expect(result.code).toBe(code);
  });
});

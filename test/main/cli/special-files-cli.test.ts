import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nnLab, tempFolder } from './cli-harness';

// Each of these once grew the memory until the process died (/dev/zero) or waited forever (a FIFO).
let tmp: ReturnType<typeof tempFolder>;
beforeEach(() => {
  tmp = tempFolder();
  execFileSync('mkfifo', [join(tmp.dir, 'pipe')]);
});
afterEach(() => tmp.cleanup());

const config = (path: string): string =>
  JSON.stringify({
    data: { path, target: 'y' },
    model: { input: [1], layers: [{ type: 'dense', units: 1 }] },
    train: { loss: 'mse', optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 4, epochs: 1 },
  });

describe('nn-lab refuses files that are not regular files', () => {
  it.each(['/dev/zero', 'pipe'])('inspect %s', async (path) => {
    const result = await nnLab(tmp.dir, 'inspect', path);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/is a (device|pipe), not a regular file/);
  });

  it.each(['/dev/zero', 'pipe'])('train --config %s', async (path) => {
    const result = await nnLab(tmp.dir, 'train', '--config', path);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/the run config is a (device|pipe), not a regular file/);
  });

  it.each(['/dev/zero', 'pipe'])('train with data.path %s', async (path) => {
    tmp.write('run.json', config(path));
    const result = await nnLab(tmp.dir, 'train', '--config', 'run.json');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/the data file is a (device|pipe), not a regular file/);
  });

  it.each(['/dev/zero', 'pipe'])('predict --data %s, eval --model %s', async (path) => {
    tmp.write('data.csv', 'x,y\n1,2\n2,4\n3,6\n4,8\n');
    tmp.write('run.json', config('data.csv'));
    expect((await nnLab(tmp.dir, 'train', '--config', 'run.json', '--out', 'model.json')).code).toBe(0);
    const data = await nnLab(tmp.dir, 'predict', '--model', 'model.json', '--data', path);
    expect(data.code).toBe(1);
    expect(data.err).toMatch(/the data file is a (device|pipe), not a regular file/);
    const model = await nnLab(tmp.dir, 'eval', '--model', path, '--data', path);
    expect(model.code).toBe(1);
    expect(model.err).toMatch(/the model file is a (device|pipe), not a regular file/);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunConfig } from '../../../src-core/contract/run-config';
import { availableParallelism } from 'node:os';
import { Random } from '../../../src-core/data/random';
import { csvText, nnLab, tempFolder } from './cli-harness';

/** `nn-lab train` chooses its kernels by --kernels or NN_LAB_KERNELS and names them with --verbose. */

const config: RunConfig = {
  name: 'stripes',
  data: { path: 'stripes.csv', target: 'y' },
  model: { input: [3], layers: [{ type: 'dense', units: 12 }, { type: 'relu' }, { type: 'dense', units: 1 }] },
  train: { loss: 'mse', optimizer: { type: 'sgd', lr: 0.05 }, batchSize: 8, epochs: 3, seed: 2 },
};

function stripesCsv(): string {
  const rng = new Random(3);
  const rows = Array.from({ length: 64 }, () => {
    const [a, b, c] = [rng.normal(), rng.normal(), rng.normal()];
    return [a.toFixed(4), b.toFixed(4), c.toFixed(4), (a - 2 * b + 0.5 * c).toFixed(4)];
  });
  return csvText(['a', 'b', 'c', 'y'], rows);
}

const cores = availableParallelism();

let tmp: ReturnType<typeof tempFolder>;
beforeEach(() => {
  tmp = tempFolder();
  tmp.write('stripes.csv', stripesCsv());
  tmp.write('run.json', JSON.stringify(config));
});
afterEach(() => {
  vi.unstubAllEnvs();
  tmp.cleanup();
});

const epochLosses = (out: string): number[] =>
  out.split('\n').filter((l) => l.startsWith('epoch ')).map((l) => Number(/loss ([\d.e+-]+)/.exec(l)![1]));

describe('nn-lab train --kernels / NN_LAB_KERNELS', () => {
  it('runs WebAssembly SIMD by default and says so with --verbose; js on request, with the same losses', async () => {
    const quiet = await nnLab(tmp.dir, 'train', '--config', 'run.json');
    expect(quiet.err).toBe('');
    const wasm = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--verbose');
    expect(wasm.code).toBe(0);
    expect(wasm.err).toMatch(new RegExp(`^kernels: wasm-(relaxed-)?simd, ${cores} threads?\n$`)); // every core by default
    const js = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--kernels', 'js', '--verbose');
    expect(js.code).toBe(0);
    expect(js.err).toBe('kernels: js, 1 thread\n'); // js ignores the team
    const [a, b] = [epochLosses(wasm.out), epochLosses(js.out)];
    expect(a).toHaveLength(3);
    a.forEach((loss, i) => expect(loss).toBeCloseTo(b[i]!, 3));
  });

  it('reads NN_LAB_KERNELS; --kernels overrides it', async () => {
    vi.stubEnv('NN_LAB_KERNELS', 'js');
    expect((await nnLab(tmp.dir, 'train', '--config', 'run.json', '--verbose')).err).toBe('kernels: js, 1 thread\n');
    const wasm = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--kernels', 'wasm', '--verbose');
    expect(wasm.err).toMatch(/^kernels: wasm-/);
  });

  it('refuses a kernel name it does not know, naming the flag or the variable', async () => {
    const flag = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--kernels', 'gpu');
    expect(flag.code).toBe(2);
    expect(flag.err.split('\n')[0]).toBe('nn-lab train: --kernels must be js or wasm, not "gpu"');
    vi.stubEnv('NN_LAB_KERNELS', 'fast');
    const env = await nnLab(tmp.dir, 'train', '--config', 'run.json');
    expect(env.code).toBe(1);
    expect(env.err).toBe('nn-lab train: NN_LAB_KERNELS must be js or wasm, not "fast"\n');
  });
});

describe('nn-lab train --threads / NN_LAB_THREADS', () => {
  it('trains on the threads asked, NN_LAB_THREADS capping them, with the same losses as one thread', async () => {
    const one = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--threads', '1', '--verbose');
    expect(one.err).toMatch(/^kernels: wasm-(relaxed-)?simd, 1 thread\n$/);
    const three = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--threads', '3', '--verbose');
    expect(three.code).toBe(0);
    expect(three.err).toMatch(/^kernels: wasm-(relaxed-)?simd, 3 threads\n$/);
    expect(epochLosses(three.out)).toEqual(epochLosses(one.out));
    vi.stubEnv('NN_LAB_THREADS', '2');
    expect((await nnLab(tmp.dir, 'train', '--config', 'run.json', '--threads', '3', '--verbose')).err).toMatch(/, 2 threads\n$/);
  });

  it('refuses a thread count that is not a whole number from 1, naming the flag or the variable', async () => {
    for (const bad of ['0', '1.5', 'many', '']) {
      const flag = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--threads', bad);
      expect(flag.code, bad).toBe(2);
      expect(flag.err.split('\n')[0]).toBe(`nn-lab train: --threads must be a whole number of threads, 1 or more, not "${bad}"`);
    }
    vi.stubEnv('NN_LAB_THREADS', 'all');
    const env = await nnLab(tmp.dir, 'train', '--config', 'run.json');
    expect(env.code).toBe(2);
    expect(env.err.split('\n')[0]).toBe('nn-lab train: NN_LAB_THREADS must be a whole number of threads, 1 or more, not "all"');
  });
});

describe('the run records its kernels', () => {
  it('nn-lab train --db stores the backend that trained, and runs show prints it', async () => {
    const trained = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--db', 'lab.db', '--kernels', 'js');
    expect(trained.code).toBe(0);
    const id = /run (\S+) recorded/.exec(trained.out)![1]!;
    const shown = await nnLab(tmp.dir, 'runs', 'show', id, '--db', 'lab.db', '--json');
    expect(JSON.parse(shown.out)).toMatchObject({ kernels: 'js', threads: 1 });
    const wasm = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--db', 'lab.db');
    const text = await nnLab(tmp.dir, 'runs', 'show', /run (\S+) recorded/.exec(wasm.out)![1]!, '--db', 'lab.db');
    // Every core was offered, but this model's products are too small to split: it trained on one thread.
    expect(text.out).toMatch(/^kernels {3}wasm-(relaxed-)?simd, 1 thread$/m);
  });
});

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * Where the engine has no WebAssembly (here Node with --jitless), asking for wasm runs the TypeScript kernels and a
 * session trains as usual. A child process, because WebAssembly cannot be switched off in this one.
 */
const script = `
import { createTrainingSession, kernelBackend, useKernels } from './src-core/nn/index';
const x = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i));
const y = Float32Array.from({ length: 32 }, (_, i) => (x[2 * i] > x[2 * i + 1] ? 1 : 0));
const session = createTrainingSession({
  spec: { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 1 }] },
  train: { loss: 'mse', optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 8, epochs: 2 },
  data: { inputShape: [2], task: 'regression', train: { x, y, rows: 32 } },
  seed: 1,
});
const first = kernelBackend();
while (!session.finished) session.runEpoch();
console.log(JSON.stringify({ first, asked: useKernels('wasm'), typeofWasm: typeof WebAssembly }));
`;

describe('kernels without WebAssembly', () => {
  it('fall back to js: the default and an explicit wasm choice both run the TypeScript kernels', () => {
    const child = spawnSync(process.execPath, ['--jitless', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', cwd: process.cwd() });
    expect(child.status, child.stderr).toBe(0);
    expect(JSON.parse(child.stdout.trim().split('\n').pop()!)).toEqual({ first: 'js', asked: 'js', typeofWasm: 'undefined' });
  });
});

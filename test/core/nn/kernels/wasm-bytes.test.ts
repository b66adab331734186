import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesModule, kernelModuleText } from '../../../../scripts/build-wasm.mjs';

/** The committed kernel bytes are what the AssemblyScript source compiles to (npm run build:wasm rewrites them). */
describe('wasm-bytes.ts', () => {
  it('is up to date with src-core/nn/kernels/assembly', async () => {
    const committed = readFileSync(bytesModule, 'utf8');
    expect(committed === (await kernelModuleText()), `${bytesModule} is stale: run npm run build:wasm`).toBe(true);
  });
});

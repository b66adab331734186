import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { build } from 'vite';

/**
 * Builds src-main/pool/train-worker.ts from the current sources into a fresh temp folder (self-contained
 * ESM, as electron-vite builds it for out/main), so the pool tests run real worker threads on the code
 * under test rather than on a stale out/main.
 */
let built: Promise<string> | undefined;

/** Built once per test file; `removeBuiltTrainWorker` deletes it when the file's tests are done. */
export function buildTrainWorker(): Promise<string> {
  return (built ??= buildInto());
}

export async function removeBuiltTrainWorker(): Promise<void> {
  if (built) rmSync(dirname(await built), { recursive: true, force: true });
  built = undefined;
}

async function buildInto(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'nn-lab-worker-'));
  await build({
    configFile: false,
    logLevel: 'silent',
    root: resolve(__dirname, '../../..'),
    ssr: { noExternal: true },
    build: {
      ssr: resolve(__dirname, '../../../src-main/pool/train-worker.ts'),
      outDir,
      emptyOutDir: false,
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: 'train-worker.js' } },
    },
  });
  return join(outDir, 'train-worker.js');
}

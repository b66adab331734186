import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { buildSelfContainedEntry } from './build-entry';

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

/** Builds the worker before the calling file's tests and deletes it after them; returns its path (once built). */
export function useBuiltTrainWorker(): () => string {
  let file = '';
  beforeAll(async () => {
    file = await buildTrainWorker();
  });
  afterAll(removeBuiltTrainWorker);
  return () => file;
}

function buildInto(): Promise<string> {
  return buildSelfContainedEntry('src-main/pool/train-worker.ts', mkdtempSync(join(tmpdir(), 'nn-lab-worker-')), 'train-worker.js');
}

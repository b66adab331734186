import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAppEntries } from '../../support/build-entry';

/**
 * Builds the `serve` entry and the training worker from the current sources into a temp app folder laid
 * out like the project's build (`main/serve.js`, `main/train-worker.js`, `renderer/index.html`), with the
 * project's node_modules linked in for the native and external packages. Returns the app folder.
 */
export async function buildServeApp(): Promise<string> {
  const app = await buildAppEntries('nn-lab-serve-', {
    serve: 'src-main/host/serve.ts',
    'train-worker': 'src-main/pool/train-worker.ts',
  });
  mkdirSync(join(app, 'renderer'));
  writeFileSync(join(app, 'renderer', 'index.html'), '<!doctype html><title>NN Lab</title>');
  return app;
}

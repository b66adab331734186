import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import { startBrowserHost } from '../../../src-main/host/browser-host';
import { createLabApi } from '../../../src-renderer/lib/api/lab-api';
import { WebSocketTransport, type SocketLike } from '../../../src-renderer/lib/api/websocket-transport';
import { newTransferId, sendInPieces } from '../../../src-renderer/lib/datasets/upload-chunks';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { callRequest as call, exportText } from '../../support/call-request';
import { nextStatus } from '../../support/run-status';
import { useTempLabs } from '../../support/temp-lab';
import { twoMoonsTrain } from '../pool/two-moons-run';

/**
 * A run bundle larger than the browser host's 1 MiB WebSocket frames imports through the real host, as the window
 * sends it (run-actions.svelte.ts): its API client and transport, the file in `datasets.upload-chunk` pieces
 * (`sendInPieces`), then `runs.import` naming the upload.
 */

const trainWorker = useBuiltTrainWorker();
const labs = useTempLabs('nn-lab-bundle-host-', trainWorker);
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** 2 → 700 → 700 → 2: about 493,000 weights, so the bundle (weights, Adam's moments) is several MB. */
const wide: ModelSpec = {
  input: [2],
  layers: [{ type: 'dense', units: 700 }, { type: 'tanh' }, { type: 'dense', units: 700 }, { type: 'tanh' }, { type: 'dense', units: 2 }, { type: 'softmax' }],
};

describe('run bundle import through the browser host', () => {
  it('imports a bundle of more than 5 MB sent in pieces over the WebSocket', async () => {
    const source = await labs.openLab({ name: 'source.db' });
    const run = await call(source.handlers, 'runs.start', { datasetId: 'two-moons', name: 'wide', spec: wide, train: twoMoonsTrain(2) });
    expect((await nextStatus(source.bus, run.id)).status).toBe('completed');
    const exported = await call(source.handlers, 'runs.export', { id: run.id, format: 'bundle' });
    const exportedText = exportText(exported);
    const bytes = Buffer.byteLength(exportedText);
    expect(bytes).toBeGreaterThan(5 * 1024 * 1024);

    const target = await labs.openLab({ name: 'target.db' });
    const renderer = join(labs.dir, 'renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>NN Lab</title>');
    const host = await startBrowserHost({ handlers: target.handlers, bus: target.bus, rendererDir: renderer, port: 0 });
    cleanups.push(() => host.close());
    const origin = `http://127.0.0.1:${host.port}`;
    const transport = new WebSocketTransport(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, {
      createSocket: (url) => new WebSocket(url, { origin }) as unknown as SocketLike,
    });
    cleanups.push(() => transport.close());
    const api = createLabApi(transport);

    const started = performance.now();
    const uploadId = newTransferId('upload');
    await sendInPieces(api, new File([exportedText], exported.fileName, { type: 'application/json' }), uploadId);
    const summary = await api['runs.import']({ uploadId });
    const seconds = (performance.now() - started) / 1000;
    expect(summary.name).toBe('wide');
    // Only bundles that fit one frame could go whole: this one could not.
    await expect(api['runs.import']({ bundle: exportedText })).rejects.toThrow(/Lost the connection/);
    const imported = await call(target.handlers, 'runs.get', { id: summary.id });
    expect(imported).toMatchObject({ status: 'completed', epochsDone: 2, hasWeights: true });
    const weights = await call(target.handlers, 'runs.export', { id: imported.id, format: 'bundle' });
    expect(JSON.parse(exportText(weights)).weights).toEqual(JSON.parse(exportedText).weights);
    console.log(`bundle of ${(bytes / 1024 ** 2).toFixed(1)} MB imported through the host in ${seconds.toFixed(2)} s`);
  });
});

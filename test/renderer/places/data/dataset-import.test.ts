import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { DatasetImportResult } from '../../../../src-core/contract/datasets';
import type { ApiErrorData } from '../../../../src-core/contract/api-error';
import { createLabApi, onEvent } from '../../../../src-renderer/lib/api/lab-api';
import { WebSocketTransport, type SocketLike } from '../../../../src-renderer/lib/api/websocket-transport';
import { EventHub } from '../../../../src-renderer/shared/hub/event-hub';
import { DatasetImportStore } from '../../../../src-renderer/places/data/dataset-import.svelte';
import { uploadChunkBytes } from '../../../../src-renderer/lib/datasets/upload-chunks';
import { startServer, type TestServer } from '../../lib/api/ws-test-server';

/** The import store over the real API client and WebSocket transport, against a host played by the test. */

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const server = await startServer();
  const transport = new WebSocketTransport(server.url, { createSocket: (u) => new WebSocket(u) as unknown as SocketLike });
  cleanups.push(() => server.close(), () => transport.close());
  const imported: DatasetImportResult[] = [];
  const hub = new EventHub();
  // The datasets and the doctor tab listen for this in the app: here the test does.
  hub.on('dataset.imported', (result) => void imported.push(result));
  const store = new DatasetImportStore(createLabApi(transport), hub);
  // As the session wires it in the app.
  cleanups.push(onEvent(transport, 'dataset.import-progress', (event) => store.progress(event)));
  return { server, store, imported };
}

async function nth(server: TestServer, n: number) {
  return (await server.requestsArrived(n))[n - 1]!;
}
const ok = (server: TestServer, id: number, value: unknown) => server.send({ kind: 'response', id, response: { ok: true, value } });
const fail = (server: TestServer, id: number, error: ApiErrorData) => server.send({ kind: 'response', id, response: { ok: false, error } });

const result = (reused: boolean): DatasetImportResult =>
  ({
    info: { id: 'sha256-abc', name: 'data.csv', description: '', task: 'classification', rows: 3, features: 2, inputShape: [2], classes: ['x', 'y'] },
    plan: { fileName: 'data.csv', rows: 3, columns: [], target: { names: ['label'], task: 'classification', missing: 0 } },
    report: { fileName: 'data.csv', rows: 3, columnCount: 3, task: 'classification', target: ['label'], columns: [], duplicateRows: 0, warnings: [] },
    reused,
  }) as DatasetImportResult;

describe('DatasetImportStore', () => {
  it('uploads a file in ordered ≤512 KiB base64 pieces that add up to its bytes, then imports them', async () => {
    const { server, store, imported } = await setup();
    const bytes = new Uint8Array(uploadChunkBytes * 2 + 1000).map((_, i) => (i * 7) % 256);
    const done = store.importFile(new File([bytes], 'big.csv'));
    expect(store.phase).toBe('uploading');

    const received: Buffer[] = [];
    let uploadId = '';
    for (let n = 1; n <= 3; n++) {
      const request = await nth(server, n);
      expect(request.name).toBe('datasets.upload-chunk');
      const args = request.args as { uploadId: string; offset: number; base64: string };
      expect(args.offset).toBe(received.reduce((sum, b) => sum + b.length, 0));
      uploadId ||= args.uploadId;
      expect(args.uploadId).toBe(uploadId);
      const chunk = Buffer.from(args.base64, 'base64');
      expect(chunk.length).toBeLessThanOrEqual(uploadChunkBytes);
      received.push(chunk);
      ok(server, request.id, { received: args.offset + chunk.length });
    }
    expect(Buffer.concat(received).equals(Buffer.from(bytes))).toBe(true);

    const importRequest = await nth(server, 4);
    expect(importRequest.name).toBe('datasets.import-bytes');
    const args = importRequest.args as { uploadId: string; fileName: string; importId: string };
    expect(args).toMatchObject({ uploadId, fileName: 'big.csv' });
    expect(store.phase).toBe('importing');

    // Progress of this import counts; another import's does not.
    server.send({ kind: 'event', name: 'dataset.import-progress', payload: { importId: 'someone-else', fraction: 0.9, rows: 9 } });
    server.send({ kind: 'event', name: 'dataset.import-progress', payload: { importId: args.importId, fraction: 0.5, rows: 4096 } });
    await expect.poll(() => store.rows).toBe(4096);
    expect(store.fraction).toBe(0.5);
    expect(store.step).toBeUndefined();
    // After the parse the service names what it is doing while the bar stays full.
    server.send({ kind: 'event', name: 'dataset.import-progress', payload: { importId: args.importId, fraction: 1, rows: 60000, phase: 'storing' } });
    await expect.poll(() => store.step).toBe('storing');
    expect(store.fraction).toBe(1);

    ok(server, importRequest.id, result(false));
    await done;
    expect(store.phase).toBe('idle');
    expect(imported).toHaveLength(1);
    expect(store.outcome).toEqual({ kind: 'imported', text: 'Imported big.csv: 3 rows × 3 columns.' });
  });

  it('says when the same bytes were imported before', async () => {
    const { server, store } = await setup();
    const done = store.importPath('/data/data.csv');
    const request = await nth(server, 1);
    expect(request.name).toBe('datasets.import');
    expect(request.args).toMatchObject({ path: '/data/data.csv' });
    ok(server, request.id, result(true));
    await done;
    expect(store.outcome?.kind).toBe('reused');
    expect(store.outcome?.text).toContain('data.csv was imported before');
  });

  it('shows a refused file by its line and column, and adds nothing', async () => {
    const { server, store, imported } = await setup();
    const done = store.importPath('/data/ragged.csv');
    const request = await nth(server, 1);
    fail(server, request.id, { code: 'bad_input', message: 'ragged.csv: line 3, column 3: this row has 2 fields, the header has 3', file: 'ragged.csv', line: 3, column: 3 });
    await done;
    expect(store.failure).toEqual({ fileName: 'ragged.csv', place: 'line 3, column 3', reason: 'This row has 2 fields, the header has 3' });
    expect(imported).toHaveLength(0);
    expect(store.phase).toBe('idle');
  });

  it('cancels an import that is reading: cancel-import with its id, and the cancellation is reported as such', async () => {
    const { server, store, imported } = await setup();
    const done = store.importPath('/data/long.csv');
    const importRequest = await nth(server, 1);
    const { importId } = importRequest.args as { importId: string };
    const cancelled = store.cancel();
    expect(store.phase).toBe('cancelling');
    const cancelRequest = await nth(server, 2);
    expect(cancelRequest).toMatchObject({ name: 'datasets.cancel-import', args: { importId } });
    ok(server, cancelRequest.id, { cancelled: true });
    await cancelled;
    fail(server, importRequest.id, { code: 'conflict', message: 'long.csv: the import was cancelled', file: 'long.csv' });
    await done;
    expect(store.outcome).toEqual({ kind: 'cancelled', text: 'Import of long.csv cancelled. Nothing was added.' });
    expect(store.failure).toBeNull();
    expect(imported).toHaveLength(0);
  });

  it('cancels an upload between pieces: no more pieces, no import, and the spooled upload is dropped', async () => {
    const { server, store } = await setup();
    const done = store.importFile(new File([new Uint8Array(uploadChunkBytes * 3)], 'big.csv'));
    const first = await nth(server, 1);
    const { uploadId } = first.args as { uploadId: string };
    const cancelled = store.cancel();
    ok(server, first.id, { received: uploadChunkBytes });
    // Both ids are cancelled (the import's is not running yet: the service answers false for it).
    const cancels = [await nth(server, 2), await nth(server, 3)];
    for (const request of cancels) ok(server, request.id, { cancelled: true });
    await cancelled;
    await done;
    expect(cancels.map((r) => r.name)).toEqual(['datasets.cancel-import', 'datasets.cancel-import']);
    expect(cancels.map((r) => (r.args as { importId: string }).importId)).toContain(uploadId);
    expect(server.requests).toHaveLength(3);
    expect(store.outcome?.kind).toBe('cancelled');
  });

  it('falls back to the page when there is no native dialog, and imports the path the dialog gives', async () => {
    const { server, store } = await setup();
    const noDialog = store.pickAndImport();
    const first = await nth(server, 1);
    expect(first).toMatchObject({ name: 'app.pick-file', args: { purpose: 'dataset' } });
    fail(server, first.id, { code: 'unavailable', message: 'Choosing a file by path is only available in the desktop app' });
    expect(await noDialog).toBe(false);

    const picked = store.pickAndImport();
    const second = await nth(server, 2);
    ok(server, second.id, { path: '/home/me/iris.csv' });
    const importRequest = await nth(server, 3);
    expect(importRequest).toMatchObject({ name: 'datasets.import', args: { path: '/home/me/iris.csv' } });
    expect(store.fileName).toBe('iris.csv');
    ok(server, importRequest.id, result(false));
    expect(await picked).toBe(true);

    const cancelledDialog = store.pickAndImport();
    ok(server, (await nth(server, 4)).id, null);
    expect(await cancelledDialog).toBe(true);
    expect(server.requests).toHaveLength(4);
  });
});

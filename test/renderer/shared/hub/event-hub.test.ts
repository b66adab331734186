import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { DatasetImportResult } from '../../../../src-core/contract/datasets';
import { createLabApi } from '../../../../src-renderer/lib/api/lab-api';
import { WebSocketTransport, type SocketLike } from '../../../../src-renderer/lib/api/websocket-transport';
import { SelectionStore } from '../../../../src-renderer/lib/stores/selection.svelte';
import { MainViewStore } from '../../../../src-renderer/places/build/main-view.svelte';
import { DatasetImportStore } from '../../../../src-renderer/places/data/dataset-import.svelte';
import { DatasetsStore } from '../../../../src-renderer/places/data/datasets.svelte';
import { RunActionsStore } from '../../../../src-renderer/places/runs/run-actions.svelte';
import { RunSeriesCache } from '../../../../src-renderer/places/runs/run-series.svelte';
import { RunsStore } from '../../../../src-renderer/places/runs/runs.svelte';
import { EventHub } from '../../../../src-renderer/shared/hub/event-hub';
import { NoticesStore } from '../../../../src-renderer/shared/toasts/notices.svelte';
import { startServer, type TestServer } from '../../lib/api/ws-test-server';

/** The stores wired as in the app (`shell/stores.ts`): they talk through one hub, over the real WebSocket client. */

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function wire() {
  const server = await startServer();
  const transport = new WebSocketTransport(server.url, { createSocket: (u) => new WebSocket(u) as unknown as SocketLike });
  cleanups.push(() => server.close(), () => transport.close());
  const api = createLabApi(transport);
  const hub = new EventHub();
  const notices = new NoticesStore(hub);
  const selection = new SelectionStore();
  const runs = new RunsStore(api, hub, new RunSeriesCache(), selection);
  const datasets = new DatasetsStore(api, hub, selection, runs);
  const datasetImport = new DatasetImportStore(api, hub);
  const mainView = new MainViewStore(hub);
  const runActions = new RunActionsStore(api, hub, runs, { loadDraft: async () => true }, () => {});
  return { server, hub, notices, selection, runs, datasets, datasetImport, mainView, runActions };
}

async function request(server: TestServer, n: number, name: string) {
  const sent = (await server.requestsArrived(n))[n - 1]!;
  expect(sent.name).toBe(name);
  return sent;
}

const imported: DatasetImportResult = {
  info: { id: 'sha256-abc', name: 'data.csv', description: '', task: 'classification', rows: 3, features: 2, inputShape: [2], classes: ['x', 'y'] },
  plan: { fileName: 'data.csv', rows: 3, columns: [], target: { names: ['label'], task: 'classification', missing: 0 } },
  report: { fileName: 'data.csv', rows: 3, columnCount: 3, task: 'classification', target: ['label'], columns: [], duplicateRows: 0, warnings: [] },
  reused: false,
} as unknown as DatasetImportResult;

describe('EventHub', () => {
  it('calls every handler of a name in order, waits for the asynchronous ones, and stops after unsubscribing', async () => {
    const hub = new EventHub<{ ping: number; other: string }>();
    const heard: string[] = [];
    let release!: () => void;
    const later = new Promise<void>((resolve) => (release = resolve));
    const off = hub.on('ping', (n) => void heard.push(`a${n}`));
    hub.on('ping', async (n) => {
      await later;
      heard.push(`b${n}`);
    });
    hub.on('other', (s) => void heard.push(s));
    const emitted = hub.emit('ping', 1);
    expect(heard).toEqual(['a1']);
    release();
    await emitted;
    expect(heard).toEqual(['a1', 'b1']);
    off();
    await hub.emit('ping', 2);
    expect(heard).toEqual(['a1', 'b1', 'b2']);
  });
});

describe('stores through the hub', () => {
  it('a finished import is listed and selected by the datasets and opens the dataset doctor', async () => {
    const { server, selection, datasets, datasetImport, mainView } = await wire();
    expect(mainView.tab).toBe('training');
    void datasetImport.importPath('/d/data.csv');
    const sent = await request(server, 1, 'datasets.import');
    server.send({ kind: 'response', id: sent.id, response: { ok: true, value: imported } });
    await expect.poll(() => datasets.list.map((d) => d.id)).toEqual(['sha256-abc']);
    expect(selection.current).toEqual({ kind: 'dataset', id: 'sha256-abc' });
    expect(datasets.selectedId).toBe('sha256-abc');
    expect(mainView.tab).toBe('doctor');
  });

  it("a store's failure is a toast: the notices hear it on the hub", async () => {
    const { server, notices, runs } = await wire();
    const refreshing = runs.refresh();
    const sent = await request(server, 1, 'runs.list');
    server.send({ kind: 'response', id: sent.id, response: { ok: false, error: { code: 'unavailable', message: 'the database is locked' } } });
    await refreshing;
    expect(notices.items.map((n) => [n.text, n.persistent])).toEqual([['Could not load the runs: the database is locked', true]]);
  });

  it("a run's missing data file: the toast's button asks the import store, which imports that path", async () => {
    const { server, notices, runActions } = await wire();
    const rerun = runActions.rerun('cli');
    const sent = await request(server, 1, 'runs.rerun');
    const message = 'The data of run "cli" (digits.csv) is not stored in this lab: import the file it trained on and try again.';
    server.send({ kind: 'response', id: sent.id, response: { ok: false, error: { code: 'not_found', field: 'datasetHash', file: '/data/digits.csv', message } } });
    await rerun;
    const [notice] = notices.items;
    expect(notice?.action?.label).toBe('Import digits.csv…');
    notice!.action!.run();
    const importing = await request(server, 2, 'datasets.import');
    expect(importing.args).toMatchObject({ path: '/data/digits.csv' });
  });
});

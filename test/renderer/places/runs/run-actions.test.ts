import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RunExport } from '../../../../src-core/contract/runs-api';
import { createLabApi } from '../../../../src-renderer/lib/api/lab-api';
import { WebSocketTransport, type SocketLike } from '../../../../src-renderer/lib/api/websocket-transport';
import { AppNoticesStore } from '../../../../src-renderer/shell/app-notices.svelte';
import { EventHub } from '../../../../src-renderer/shared/hub/event-hub';
import { NoticesStore } from '../../../../src-renderer/shared/toasts/notices.svelte';
import { RunActionsStore } from '../../../../src-renderer/places/runs/run-actions.svelte';
import { RunSeriesCache } from '../../../../src-renderer/places/runs/run-series.svelte';
import { RunsStore } from '../../../../src-renderer/places/runs/runs.svelte';
import { startServer, type TestServer } from '../../lib/api/ws-test-server';
import { summary } from '../../lib/stores/run-summary-fixture';

/** Search, run actions and database notices over the real API client and WebSocket transport, against a test host. */


const cleanups: Array<() => unknown> = [];
/** The toasts, listening on the hub the stores of the current test tell. */
let hub = new EventHub();
let notices = new NoticesStore(hub);
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  for (const n of notices.items) notices.dismiss(n.id);
});

async function setup() {
  const server = await startServer();
  const transport = new WebSocketTransport(server.url, { createSocket: (u) => new WebSocket(u) as unknown as SocketLike });
  cleanups.push(() => server.close(), () => transport.close());
  const api = createLabApi(transport);
  hub = new EventHub();
  notices = new NoticesStore(hub);
  const runs = new RunsStore(api, hub, new RunSeriesCache());
  const saved: RunExport[] = [];
  const drafts: unknown[] = [];
  const actions = new RunActionsStore(api, hub, runs, { loadDraft: async (d) => drafts.push(d) > 0 }, (f) => saved.push(f));
  return { server, api, runs, actions, saved, drafts };
}

async function answer(server: TestServer, n: number, name: string, value: unknown) {
  const request = (await server.requestsArrived(n))[n - 1]!;
  expect(request.name).toBe(name);
  server.send({ kind: 'response', id: request.id, response: { ok: true, value } });
  return request;
}

async function refuse(server: TestServer, n: number, name: string, message: string) {
  const request = (await server.requestsArrived(n))[n - 1]!;
  expect(request.name).toBe(name);
  server.send({ kind: 'response', id: request.id, response: { ok: false, error: { code: 'conflict', message } } });
}

describe('RunsStore search', () => {
  it('asks the service with the filters, shows its answer, and never lets an older answer replace a newer one', async () => {
    const { server, runs } = await setup();
    runs.update(summary('a', '2026-01-01T09:00:00Z', { tags: ['baseline'] }));
    runs.update(summary('b', '2026-01-01T10:00:00Z'));

    runs.filters.text = 'run';
    const older = runs.search();
    runs.filters.tag = 'baseline';
    const newer = runs.search();
    const second = await answer(server, 2, 'runs.search', [runs.list[1]]);
    expect(second.args).toEqual({ text: 'run', tags: ['baseline'] });
    await newer;
    await answer(server, 1, 'runs.search', runs.list);
    await older;
    expect(runs.shown.map((r) => r.id)).toEqual(['a']);

    // A found run's status follows events; clearing the filters shows every run again without asking.
    runs.update(summary('a', '2026-01-01T09:00:00Z', { tags: ['baseline'], status: 'failed' }));
    expect(runs.shown[0]!.status).toBe('failed');
    runs.filters.text = '';
    runs.filters.tag = '';
    await runs.search();
    expect(runs.shown.map((r) => r.id)).toEqual(['b', 'a']);
    expect(server.requests).toHaveLength(2);
  });

  it('asks again when a new run arrives while a search is shown', async () => {
    const { server, runs } = await setup();
    runs.filters.status = 'running';
    const searching = runs.search();
    await answer(server, 1, 'runs.search', []);
    await searching;
    expect(runs.shown).toEqual([]);

    runs.update(summary('n', '2026-01-01T11:00:00Z', { status: 'running', epochsDone: 0 }));
    const again = await answer(server, 2, 'runs.search', [runs.list[0]]);
    expect(again.args).toEqual({ status: ['running'] });
    await expect.poll(() => runs.shown.map((r) => r.id)).toEqual(['n']);
  });

  it('moves the selection to the next run when the selected one is deleted', async () => {
    const { server, runs, actions } = await setup();
    runs.update(summary('a', '2026-01-01T09:00:00Z'));
    runs.update(summary('b', '2026-01-01T10:00:00Z'));
    void runs.select('b');
    await answer(server, 1, 'runs.get', { ...runs.list[0], spec: { input: [2], layers: [] }, train: { loss: 'bce', optimizer: { type: 'adam' }, batchSize: 8, epochs: 10 }, seed: 1, hasWeights: false });
    await answer(server, 2, 'runs.metrics', { metrics: [] });
    const deleting = actions.delete('b');
    await answer(server, 3, 'runs.delete', { id: 'b', deleted: true });
    expect(await deleting).toBeNull();
    expect(runs.list.map((r) => r.id)).toEqual(['a']);
    expect(runs.selectedId).toBe('a');
  });
});

describe('RunActionsStore', () => {
  it("shows a refused action's message as a toast and leaves the run as it was", async () => {
    const { server, runs, actions } = await setup();
    runs.update(summary('a', '2026-01-01T09:00:00Z', { status: 'queued', epochsDone: 0 }));
    const pausing = actions.pause('a');
    expect(actions.pending).toBe('runs.pause');
    await refuse(server, 1, 'runs.pause', 'A queued run cannot be paused.');
    await pausing;
    expect(actions.pending).toBeNull();
    expect(notices.items.map((n) => n.text)).toEqual(['Could not pause the run: A queued run cannot be paused.']);
    expect(runs.list[0]!.status).toBe('queued');
  });

  it("offers to import a run's data that is not stored here (a CLI run's file), and imports that path", async () => {
    const { server, api, runs } = await setup();
    const imported: Array<string | undefined> = [];
    // The import store listens for this in the app: here the test does.
    hub.on('dataset.import-wanted', ({ file }) => void imported.push(file));
    const actions = new RunActionsStore(api, hub, runs, { loadDraft: async () => true }, () => {});
    for (const [request, act] of [
      ['runs.rerun', () => actions.rerun('a')],
      ['runs.duplicate', () => actions.duplicate('a')],
    ] as const) {
      const acting = act();
      const arrived = await server.requestsArrived(imported.length + 1);
      const sent = arrived[arrived.length - 1]!;
      expect(sent.name).toBe(request);
      const message = 'The data of run "cli" (digits.csv) is not stored in this lab: import the file it trained on (the same bytes, from any folder) and try again.';
      server.send({ kind: 'response', id: sent.id, response: { ok: false, error: { code: 'not_found', field: 'datasetHash', file: '/data/digits.csv', message } } });
      await acting;
      const notice = notices.items[notices.items.length - 1]!;
      expect(notice.text).toContain('is not stored in this lab');
      expect(notice.text).toContain('/data/digits.csv');
      expect(notice.action?.label).toBe('Import digits.csv…');
      notice.action!.run();
    }
    expect(imported).toEqual(['/data/digits.csv', '/data/digits.csv']);
  });

  it('imports a run bundle as an upload in ≤512 KiB pieces, then runs.import names the upload', async () => {
    const { server, runs, actions } = await setup();
    const text = `{"format":"nn-lab-run","pad":"${'x'.repeat(1_200_000)}"}`;
    const importing = actions.import(new File([text], 'big.nn-lab-run.json'));
    for (let n = 1; n <= 3; n++) {
      const piece = (await server.requestsArrived(n))[n - 1]!;
      expect(piece.name).toBe('datasets.upload-chunk');
      const args = piece.args as { uploadId: string; offset: number; base64: string };
      expect(args.offset).toBe((n - 1) * 512 * 1024);
      server.send({ kind: 'response', id: piece.id, response: { ok: true, value: { received: args.offset + Buffer.from(args.base64, 'base64').length } } });
    }
    const uploaded = (server.requests.slice(0, 3) as Array<{ args: { uploadId: string; base64: string } }>).map((r) => Buffer.from(r.args.base64, 'base64').toString('utf8')).join('');
    expect(uploaded).toBe(text);
    const request = await answer(server, 4, 'runs.import', summary('imported', '2026-01-01T09:00:00Z'));
    expect(request.args).toEqual({ uploadId: (server.requests[0]!.args as { uploadId: string }).uploadId });
    await importing;
    expect(runs.list.map((r) => r.id)).toEqual(['imported']);
    expect(notices.items).toEqual([]);
  });

  it("returns a refused delete's message for the dialog and keeps the run", async () => {
    const { server, runs, actions } = await setup();
    runs.update(summary('a', '2026-01-01T09:00:00Z'));
    const deleting = actions.delete('a');
    await refuse(server, 1, 'runs.delete', 'The run is training; stop it first.');
    expect(await deleting).toBe('The run is training; stop it first.');
    expect(runs.list).toHaveLength(1);
  });

  it('saves notes only when they changed, then says so', async () => {
    const { server, runs, actions } = await setup();
    runs.update(summary('a', '2026-01-01T09:00:00Z', { notes: 'old' }));
    await actions.annotate('a', 'old');
    expect(server.requests).toHaveLength(0);
    expect(actions.notesSavedFor).toBe('a');

    const saving = actions.annotate('a', 'new words');
    expect(actions.notesSavedFor).toBeNull();
    const request = await answer(server, 1, 'runs.annotate', summary('a', '2026-01-01T09:00:00Z', { notes: 'new words' }));
    await saving;
    expect(request.args).toEqual({ id: 'a', notes: 'new words' });
    expect(runs.list[0]!.notes).toBe('new words');
    expect(actions.notesSavedFor).toBe('a');
  });

  it('re-runs and continues into new runs that become selected; export hands the file over; duplicate loads the draft', async () => {
    const { server, runs, actions, saved, drafts } = await setup();
    runs.update(summary('a', '2026-01-01T09:00:00Z'));
    const continuing = actions.continueRun('a', 5);
    const request = await answer(server, 1, 'runs.continue', summary('c', '2026-01-01T11:00:00Z', { status: 'queued', epochs: 15, epochsDone: 0, parentRunId: 'a' }));
    expect(request.args).toEqual({ id: 'a', epochs: 5 });
    expect(await continuing).toBe(true);
    expect(runs.selectedId).toBe('c');
    expect(runs.list.map((r) => r.id)).toEqual(['c', 'a']);

    const file: RunExport = { fileName: 'a.metrics.csv', mimeType: 'text/csv', text: 'epoch,loss\n1,0.5\n' };
    const exporting = actions.export('a', 'csv');
    await answer(server, 4, 'runs.export', file); // requests 2 and 3 are the runs.get and runs.metrics of the selected run
    await exporting;
    expect(saved).toEqual([file]);

    const draft = { datasetId: 'two-moons', name: 'Run a (copy)', spec: { input: [2], layers: [] }, train: { loss: 'bce', optimizer: { type: 'adam' }, batchSize: 8, epochs: 10, seed: 3 } };
    const duplicating = actions.duplicate('a');
    await answer(server, 5, 'runs.duplicate', draft);
    await duplicating;
    expect(drafts).toEqual([draft]);
  });
});

describe('AppNoticesStore', () => {
  it('shows the notices app.info carries, and a dismissed one stays hidden when they are read again', async () => {
    const { server, api } = await setup();
    const store = new AppNoticesStore(api);
    const info = {
      name: 'NN Lab',
      version: '1',
      host: 'browser',
      databasePath: '/d/lab.db',
      threads: 2,
      notices: [{ kind: 'database-set-aside', file: '/d/lab.db.corrupt-1', message: 'set aside' }],
    };
    const loading = store.load();
    await answer(server, 1, 'app.info', info);
    await loading;
    expect(store.items.map((n) => n.file)).toEqual(['/d/lab.db.corrupt-1']);
    store.dismiss(store.items[0]!);
    const again = store.load();
    await answer(server, 2, 'app.info', info);
    await again;
    expect(store.items).toEqual([]);
  });
});

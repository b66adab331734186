import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { EpochMetrics, RunDetail } from '../../../../src-core/contract/training';
import { createLabApi } from '../../../../src-renderer/lib/api/lab-api';
import { METRICS_PAGE } from '../../../../src-renderer/lib/runs/run-pages';
import { WebSocketTransport, type SocketLike } from '../../../../src-renderer/lib/api/websocket-transport';
import { RunSeriesCache } from '../../../../src-renderer/places/runs/run-series.svelte';
import { EventHub } from '../../../../src-renderer/shared/hub/event-hub';
import { RunsStore } from '../../../../src-renderer/places/runs/runs.svelte';
import { startServer, type TestServer } from '../../lib/api/ws-test-server';
import { summary } from '../../lib/stores/run-summary-fixture';

/** The runs store over the real API client and WebSocket transport, against a host played by the test. */

const epoch = (n: number): EpochMetrics => ({ epoch: n, loss: 1 / n, accuracy: 0.5 + n / 100, lr: 0.01, seconds: 0.01 });

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const server = await startServer();
  const transport = new WebSocketTransport(server.url, { createSocket: (u) => new WebSocket(u) as unknown as SocketLike });
  cleanups.push(() => server.close(), () => transport.close());
  const curve = new RunSeriesCache();
  const store = new RunsStore(createLabApi(transport), new EventHub(), curve);
  return { server, store, curve };
}

/** Answers the `n`-th request (1-based), which must be `name`. */
async function answer(server: TestServer, n: number, name: string, value: unknown) {
  const request = (await server.requestsArrived(n))[n - 1]!;
  expect(request.name).toBe(name);
  server.send({ kind: 'response', id: request.id, response: { ok: true, value } });
  return request;
}

describe('RunsStore', () => {
  it('lists runs newest first and opens the newest one', async () => {
    const { server, store } = await setup();
    const older = summary('a', '2026-01-01T09:00:00Z');
    const newer = summary('b', '2026-01-01T10:00:00Z');

    const refreshed = store.refresh();
    await answer(server, 1, 'runs.list', [older, newer]);
    await refreshed;

    expect(store.list.map((r) => r.id)).toEqual(['b', 'a']);
    expect(store.selectedId).toBe('b');
    const get = await answer(server, 2, 'runs.get', newer);
    expect(get.args).toEqual({ id: 'b' });
    const page = await answer(server, 3, 'runs.metrics', { metrics: [] });
    expect(page.args).toEqual({ id: 'b', from: 1, limit: METRICS_PAGE });
  });

  it('shows a training run with no gap: epochs streamed before and during runs.get join its stored curve', async () => {
    const { server, store, curve } = await setup();
    const running = summary('r', '2026-01-01T10:00:00Z', { status: 'running', epochsDone: 1 });
    const refreshed = store.refresh();
    await answer(server, 1, 'runs.list', [running]);
    await refreshed;
    // refresh opened the run; its runs.get (request 2) is not answered yet while epochs stream in.
    await server.requestsArrived(2);
    store.progress('r', [epoch(2), epoch(3)]);
    store.progress('r', [epoch(4)]);
    expect(curve.seriesOf('r').map((m) => m.epoch)).toEqual([2, 3, 4]);
    expect(store.list[0]).toMatchObject({ epochsDone: 4, lastAccuracy: 0.54 });

    const stored: RunDetail = { ...running, spec: { input: [2], layers: [] }, train: { loss: 'bce', optimizer: { type: 'adam' }, batchSize: 8, epochs: 10 }, seed: 1, hasWeights: false };
    await answer(server, 2, 'runs.get', stored);
    // Stored epochs come in pages: two here, then the rest from epoch 3 on.
    await answer(server, 3, 'runs.metrics', { metrics: [epoch(1), epoch(2)], next: 3 });
    const second = await answer(server, 4, 'runs.metrics', { metrics: [epoch(3)] });
    expect(second.args).toEqual({ id: 'r', from: 3, limit: METRICS_PAGE });
    await expect.poll(() => curve.seriesOf('r').length).toBe(4);
    expect(curve.seriesOf('r').map((m) => m.epoch)).toEqual([1, 2, 3, 4]);
  });

  it('reads the test confusion matrix again when the shown run ends with a test score', async () => {
    const { server, store } = await setup();
    const running = summary('r', '2026-01-01T10:00:00Z', { status: 'running', epochsDone: 1 });
    const refreshed = store.refresh();
    await answer(server, 1, 'runs.list', [running]);
    await refreshed;
    const base: RunDetail = { ...running, spec: { input: [2], layers: [] }, train: { loss: 'bce', optimizer: { type: 'adam' }, batchSize: 8, epochs: 10 }, seed: 1, hasWeights: false };
    await answer(server, 2, 'runs.get', base);
    await answer(server, 3, 'runs.metrics', { metrics: [epoch(1)] });
    await expect.poll(() => store.detail?.id).toBe('r');
    const ended = summary('r', '2026-01-01T10:00:00Z', { status: 'completed', test: { rows: 4, loss: 0.3, accuracy: 0.75 } });
    store.update(ended);
    expect(store.detail!.test).toEqual({ rows: 4, loss: 0.3, accuracy: 0.75 });
    const asked = await answer(server, 4, 'runs.get', { ...base, ...ended, testConfusion: [[2, 1], [0, 1]] });
    expect(asked.args).toEqual({ id: 'r' });
    await expect.poll(() => store.detail?.testConfusion).toEqual([[2, 1], [0, 1]]);
  });

  it('keeps a finished run finished when a stale summary arrives after its final status', async () => {
    const { store } = await setup();
    store.update(summary('r', '2026-01-01T10:00:00Z', { status: 'queued', epochsDone: 0 }));
    store.update(summary('r', '2026-01-01T10:00:00Z', { status: 'completed' }));
    store.update(summary('r', '2026-01-01T10:00:00Z', { status: 'running', epochsDone: 3 }));
    expect(store.list).toHaveLength(1);
    expect(store.list[0]!.status).toBe('completed');
    expect(store.activeRuns).toEqual([]);
  });

  it('knows every active run at once: queued, running and paused, as their statuses move on', async () => {
    const { store } = await setup();
    for (const [id, at] of [['a', '09'], ['b', '10'], ['c', '11'], ['d', '12']] as const) {
      store.update(summary(id, `2026-01-01T${at}:00:00Z`, { status: 'queued', epochsDone: 0 }));
    }
    store.update(summary('a', '2026-01-01T09:00:00Z', { status: 'completed' }));
    store.update(summary('b', '2026-01-01T10:00:00Z', { status: 'running', epochsDone: 2 }));
    store.update(summary('c', '2026-01-01T11:00:00Z', { status: 'paused', epochsDone: 1 }));
    expect(store.activeRuns.map((r) => [r.id, r.status])).toEqual([['d', 'queued'], ['c', 'paused'], ['b', 'running']]);
    store.update(summary('d', '2026-01-01T12:00:00Z', { status: 'running', epochsDone: 1 }));
    store.update(summary('b', '2026-01-01T10:00:00Z', { status: 'stopped' }));
    expect(store.activeRuns.map((r) => [r.id, r.status])).toEqual([['d', 'running'], ['c', 'paused']]);
  });

  it('a sweep that comes up while sweeps.list is on its way is asked for again, so its name and held state arrive', async () => {
    const { server, store } = await setup();
    const first = summary('a', '2026-01-01T09:00:00Z', { sweepId: 's1' });
    store.update(first);
    const sweep = (id: string, name: string) => ({ id, name, createdAt: '2026-01-01T09:00:00Z', runIds: [], statusCounts: {}, held: false });
    // The second sweep's run is told before the first answer comes back (which does not know it yet).
    store.update(summary('b', '2026-01-01T10:00:00Z', { sweepId: 's2' }));
    await answer(server, 1, 'sweeps.list', [sweep('s1', 'One')]);
    await answer(server, 2, 'sweeps.list', [sweep('s2', 'Two'), sweep('s1', 'One')]);
    await expect.poll(() => store.sweeps.map((s) => s.name)).toEqual(['Two', 'One']);
    store.updateSweep({ ...sweep('s2', 'Two'), held: true });
    expect(store.sweeps.find((s) => s.id === 's2')!.held).toBe(true);
  });
});

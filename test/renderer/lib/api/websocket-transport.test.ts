import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ApiError } from '../../../../src-core/contract/api-error';
import { createLabApi, onEvent } from '../../../../src-renderer/lib/api/lab-api';
import type { ConnectionState } from '../../../../src-renderer/lib/api/transport';
import {
  WebSocketTransport,
  hostSocketUrl,
  type SocketLike,
} from '../../../../src-renderer/lib/api/websocket-transport';
import { startServer } from './ws-test-server';

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

function connect(url: string, initialDelayMs = 5) {
  const transport = new WebSocketTransport(url, {
    createSocket: (u) => new WebSocket(u) as unknown as SocketLike,
    initialDelayMs,
    maxDelayMs: 50,
  });
  open.push(transport);
  return transport;
}

describe('WebSocketTransport', () => {
  it('sends a request made before the socket opened and resolves it with the server response', async () => {
    const server = await startServer();
    open.push(server);
    const transport = connect(server.url);
    const api = createLabApi(transport);

    const answer = api['datasets.preview']({ id: 'two-moons' });
    const [request] = await server.requestsArrived(1);
    expect(request).toEqual({ kind: 'request', id: request!.id, name: 'datasets.preview', args: { id: 'two-moons' } });
    server.send({ kind: 'response', id: request!.id, response: { ok: true, value: { id: 'two-moons', points: [[1, 2]], labels: [0] } } });

    await expect(answer).resolves.toEqual({ id: 'two-moons', points: [[1, 2]], labels: [0] });
  });

  it('matches responses to requests by id when they arrive out of order', async () => {
    const server = await startServer();
    open.push(server);
    const api = createLabApi(connect(server.url));

    const first = api['runs.get']({ id: 'a' });
    const second = api['runs.get']({ id: 'b' });
    const [r1, r2] = await server.requestsArrived(2);
    server.send({ kind: 'response', id: r2!.id, response: { ok: true, value: 'answer to b' } });
    server.send({ kind: 'response', id: r1!.id, response: { ok: true, value: 'answer to a' } });

    expect(await first).toBe('answer to a');
    expect(await second).toBe('answer to b');
  });

  it('turns a failed response into an ApiError with its code, message and field', async () => {
    const server = await startServer();
    open.push(server);
    const api = createLabApi(connect(server.url));

    const answer = api['runs.list']();
    const [request] = await server.requestsArrived(1);
    server.send({
      kind: 'response',
      id: request!.id,
      response: { ok: false, error: { code: 'invalid_args', message: 'runs.start: train.epochs: too big', field: 'train.epochs' } },
    });

    const error = await answer.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'invalid_args', message: 'runs.start: train.epochs: too big', field: 'train.epochs' });
  });

  it('delivers events to the listeners of that event only, until they unsubscribe', async () => {
    const server = await startServer();
    open.push(server);
    const transport = connect(server.url);
    const progress: unknown[] = [];
    const statuses: unknown[] = [];
    const stopProgress = onEvent(transport, 'run.progress', (payload) => progress.push(payload));
    onEvent(transport, 'run.status', (payload) => statuses.push(payload));
    const api = createLabApi(transport);
    await server.connected(1);

    const payload = { runId: 'r1', metrics: { epoch: 1, loss: 0.5, lr: 0.01, seconds: 0.1 } };
    server.send({ kind: 'event', name: 'run.progress', payload });
    // A request round trip after the event proves the event frame was handled (frames arrive in order).
    const ping = api['app.info']();
    const [request] = await server.requestsArrived(1);
    server.send({ kind: 'response', id: request!.id, response: { ok: true, value: null } });
    await ping;
    expect(progress).toEqual([payload]);
    expect(statuses).toEqual([]);

    stopProgress();
    server.send({ kind: 'event', name: 'run.progress', payload });
    const ping2 = api['app.info']();
    const [, request2] = await server.requestsArrived(2);
    server.send({ kind: 'response', id: request2!.id, response: { ok: true, value: null } });
    await ping2;
    expect(progress).toHaveLength(1);
  });

  it('ignores a frame that is not JSON and keeps working', async () => {
    const server = await startServer();
    open.push(server);
    const api = createLabApi(connect(server.url));

    const answer = api['runs.list']();
    const [request] = await server.requestsArrived(1);
    server.send('this is not json');
    server.send({ kind: 'response', id: request!.id, response: { ok: true, value: [] } });

    await expect(answer).resolves.toEqual([]);
  });

  it('rejects pending requests with an unavailable ApiError when the connection drops, then reconnects', async () => {
    const server = await startServer();
    open.push(server);
    const transport = connect(server.url);
    const states: ConnectionState[] = [];
    transport.onConnectionChange((state) => states.push(state));
    const api = createLabApi(transport);

    const pending = api['runs.start']({
      datasetId: 'two-moons',
      spec: { input: [2], layers: [{ type: 'dense', units: 1 }] },
      train: { loss: 'bce', optimizer: { type: 'adam' }, batchSize: 32, epochs: 10 },
    });
    await server.requestsArrived(1);
    server.dropClients();

    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'unavailable' });
    expect((error as ApiError).message).toContain('runs.start');

    await server.connected(2);
    const again = api['runs.list']();
    const retried = (await server.requestsArrived(2))[1]!;
    expect(retried.name).toBe('runs.list');
    server.send({ kind: 'response', id: retried.id, response: { ok: true, value: ['still here'] } });
    await expect(again).resolves.toEqual(['still here']);
    expect(states.slice(0, 3)).toEqual(['connecting', 'open', 'reconnecting']);
    expect(states.at(-1)).toBe('open');
  });

  it('rejects requests made while the host is unreachable instead of leaving them hanging', async () => {
    const server = await startServer();
    const url = server.url;
    await server.close();
    const api = createLabApi(connect(url, 1000));

    const error = await api['datasets.list']().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'unavailable' });
  });
});

describe('hostSocketUrl', () => {
  it('points at /api on the page host and carries the session token from the address', () => {
    expect(hostSocketUrl({ protocol: 'http:', host: '127.0.0.1:5173', search: '?token=a%2Bb' })).toBe(
      'ws://127.0.0.1:5173/api?token=a%2Bb',
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { EventName, RequestName } from '../../../../src-core/contract/api';
import { ApiError, type ApiResponse } from '../../../../src-core/contract/api-error';
import { eventNames, requestNames, type PreloadBridge } from '../../../../src-core/contract/api-names';
import { IpcTransport } from '../../../../src-renderer/lib/api/ipc-transport';
import { createLabApi, onEvent } from '../../../../src-renderer/lib/api/lab-api';

/**
 * A bridge of the shape the preload exposes (`window.nnLab`), backed by plain functions: answers
 * come from `answer`, and `emit` plays the main process pushing an event.
 */
function bridge(answer: (name: RequestName, args: unknown) => ApiResponse<unknown>) {
  const calls: Array<[RequestName, unknown]> = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const request = {} as PreloadBridge['request'];
  for (const name of requestNames) {
    request[name] = async (args) => {
      calls.push([name, args]);
      return answer(name, args);
    };
  }
  const subscribe = {} as PreloadBridge['subscribe'];
  for (const name of eventNames) {
    subscribe[name] = (listener) => {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name)!.add(listener);
      return () => listeners.get(name)!.delete(listener);
    };
  }
  const emit = (name: EventName, payload: unknown) => listeners.get(name)?.forEach((l) => l(payload));
  return { bridge: { request, subscribe } satisfies PreloadBridge, calls, emit };
}

describe('IpcTransport', () => {
  it('calls the bridge method of the request and resolves to its value', async () => {
    const fake = bridge((name) => ({ ok: true, value: `answer to ${name}` }));
    const api = createLabApi(new IpcTransport(fake.bridge));

    await expect(api['runs.get']({ id: 'r1' })).resolves.toBe('answer to runs.get');
    expect(fake.calls).toEqual([['runs.get', { id: 'r1' }]]);
  });

  it('throws the same ApiError as the WebSocket transport for a failed response', async () => {
    const fake = bridge(() => ({ ok: false, error: { code: 'not_found', message: 'There is no run "x".', field: 'id' } }));
    const api = createLabApi(new IpcTransport(fake.bridge));

    const error = await api['runs.get']({ id: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'not_found', message: 'There is no run "x".', field: 'id' });
  });

  it('turns a bridge that throws into an ApiError without its stack', async () => {
    const fake = bridge(() => {
      throw new Error('IPC channel closed');
    });
    const api = createLabApi(new IpcTransport(fake.bridge));

    const error = await api['runs.list']().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'internal', message: 'IPC channel closed' });
  });

  it('forwards events until unsubscribed and reports itself always connected', () => {
    const fake = bridge(() => ({ ok: true, value: null }));
    const transport = new IpcTransport(fake.bridge);
    const seen: unknown[] = [];
    const stop = onEvent(transport, 'run.status', (run) => seen.push(run.id));
    const states: string[] = [];
    transport.onConnectionChange((state) => states.push(state));

    fake.emit('run.status', { id: 'r1' });
    fake.emit('run.progress', { runId: 'r1' });
    stop();
    fake.emit('run.status', { id: 'r2' });

    expect(seen).toEqual(['r1']);
    expect(states).toEqual(['open']);
  });
});

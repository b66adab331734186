import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WireRequest, WireServerMessage } from '../../../../src-core/contract/wire';

/** A real WebSocket server on 127.0.0.1 that records requests and lets each test answer them. */
export async function startServer() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/api' });
  await once(server, 'listening');
  const requests: WireRequest[] = [];
  const requestWaiters: Array<() => void> = [];
  let connections = 0;
  const connectionWaiters: Array<() => void> = [];
  server.on('connection', (socket) => {
    connections++;
    connectionWaiters.splice(0).forEach((wake) => wake());
    socket.on('message', (data) => {
      requests.push(JSON.parse(String(data)) as WireRequest);
      requestWaiters.splice(0).forEach((wake) => wake());
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/api?token=secret`,
    requests,
    /** Resolves once `count` requests have arrived. */
    async requestsArrived(count: number) {
      while (requests.length < count) await new Promise<void>((wake) => requestWaiters.push(wake));
      return requests;
    },
    /** Resolves once `count` connections have been opened. */
    async connected(count: number) {
      while (connections < count) await new Promise<void>((wake) => connectionWaiters.push(wake));
    },
    send(message: WireServerMessage | string) {
      for (const client of server.clients) client.send(typeof message === 'string' ? message : JSON.stringify(message));
    },
    dropClients() {
      for (const client of server.clients) client.terminate();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    server,
  };
}

export type TestServer = Awaited<ReturnType<typeof startServer>>;

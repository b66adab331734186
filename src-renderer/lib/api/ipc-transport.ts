import type { EventName, RequestName } from '../../../src-core/contract/api';
import type { ApiResponse } from '../../../src-core/contract/api-error';
import type { PreloadBridge } from '../../../src-core/contract/api-names';
import type { ConnectionState, Transport } from './transport';

/** The Electron transport: the sandboxed preload's `window.nnLab`, always connected. */
export class IpcTransport implements Transport {
  constructor(private readonly bridge: PreloadBridge) {}

  request(name: RequestName, args: unknown): Promise<ApiResponse<unknown>> {
    return this.bridge.request[name](args);
  }

  subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
    return this.bridge.subscribe[event](listener);
  }

  onConnectionChange(listener: (state: ConnectionState) => void): () => void {
    listener('open');
    return () => {};
  }
}

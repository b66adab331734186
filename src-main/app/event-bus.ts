import type { EventName, EventPayloads } from '../../src-core/contract/api';

type AnyListener = (name: EventName, payload: unknown) => void;

/** Fans main-process events out to every transport (Electron windows, WebSocket clients). */
export class EventBus {
  private readonly listeners = new Set<AnyListener>();

  emit<K extends EventName>(name: K, payload: EventPayloads[K]): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  /** Receives every event; returns the unsubscribe function. */
  subscribe(listener: AnyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

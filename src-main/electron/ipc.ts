import type { WebContents } from 'electron';
import type { RequestHandlers } from '../../src-core/contract/api';
import type { ApiResponse } from '../../src-core/contract/api-error';
import { eventChannel, requestChannel, requestNames } from '../../src-core/contract/api-names';
import { dispatchRequest } from '../app/dispatch';
import type { EventBus } from '../app/event-bus';

/** The part of an IPC event the sender check reads: the frame that sent it (null once it is gone). */
export interface SenderFrame {
  url: string;
}

export type SenderCheck = (frame: SenderFrame | null) => boolean;

/** The part of Electron's ipcMain used here. */
export interface RequestRegistry {
  handle(channel: string, listener: (event: { senderFrame: SenderFrame | null }, args: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/**
 * Registers one `ipcMain.handle` per request of the contract. Every message's sender frame is
 * checked first (Electron security checklist item 17): a request from any page but the app's own
 * gets an error response and never reaches a handler. Returns a function that removes them all.
 */
export function registerRequestHandlers(
  ipcMain: RequestRegistry,
  handlers: RequestHandlers,
  isTrustedSender: SenderCheck,
): () => void {
  for (const name of requestNames) {
    ipcMain.handle(requestChannel(name), (event, args: unknown) => {
      const frame = event.senderFrame;
      if (!isTrustedSender(frame)) return Promise.resolve(refusal(name, frame));
      return dispatchRequest(handlers, name, args);
    });
  }
  return () => {
    for (const name of requestNames) ipcMain.removeHandler(requestChannel(name));
  };
}

function refusal(name: string, frame: SenderFrame | null): ApiResponse<never> {
  const from = frame ? JSON.stringify(frame.url.slice(0, 200)) : 'a frame that no longer exists';
  return {
    ok: false,
    error: { code: 'unavailable', message: `Request ${name} refused: it came from ${from}, not from NN Lab's own page.` },
  };
}

/** The windows' web contents that should receive events. */
export type EventTargets = () => Iterable<Pick<WebContents, 'send' | 'isDestroyed' | 'getURL'>>;

/**
 * Forwards every event of the bus to the app's windows on the event's channel. A window that is
 * closing, or (impossibly, given the navigation guard) showing a foreign page, gets nothing.
 * Returns the unsubscribe function.
 */
export function forwardEvents(bus: EventBus, targets: EventTargets, isAppPage: (url: string) => boolean): () => void {
  return bus.subscribe((name, payload) => {
    for (const contents of targets()) {
      if (contents.isDestroyed() || !isAppPage(contents.getURL())) continue;
      contents.send(eventChannel(name), payload);
    }
  });
}

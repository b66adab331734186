import type { WebContents } from 'electron';
import { isAppPage, isHttpUrl, type RendererTarget } from './renderer-target';

/** Opens a URL in the user's browser; Electron's `shell.openExternal`. */
export type OpenExternal = (url: string) => Promise<void>;

/**
 * Locks down a web contents (Electron security checklist items 12-14): it may only show the app's
 * own page, never opens a window (an http(s) link goes to the user's browser instead), and never
 * attaches a <webview>.
 */
export function guardWebContents(contents: WebContents, target: RendererTarget, openExternal: OpenExternal): void {
  contents.on('will-navigate', (event) => {
    if (!navigationAllowed(event.url, target)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!navigationAllowed(event.url, target)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => handleWindowOpen(url, openExternal));
}

export function navigationAllowed(url: string, target: RendererTarget): boolean {
  return isAppPage(url, target);
}

/** No new window, ever; an http(s) link is handed to the user's browser, any other scheme dropped. */
export function handleWindowOpen(url: string, openExternal: OpenExternal): { action: 'deny' } {
  if (isHttpUrl(url)) {
    openExternal(url).catch((error: unknown) => {
      console.error(`[nn-lab] could not open ${url}: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
  return { action: 'deny' };
}

import type { WebContents } from 'electron';
import { isAppPage, type RendererTarget } from './renderer-target';

/** What a link the page opens becomes (external-links.ts: asked about, then handed to the browser). */
export type OpenLink = (url: string) => unknown;

/**
 * Locks down a web contents (Electron security checklist items 12-14): it may only show the app's
 * own page, never opens a window (a link goes to `openLink` instead), and never attaches a <webview>.
 */
export function guardWebContents(contents: WebContents, target: RendererTarget, openLink: OpenLink): void {
  contents.on('will-navigate', (event) => {
    if (!navigationAllowed(event.url, target)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!navigationAllowed(event.url, target)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => handleWindowOpen(url, openLink));
}

export function navigationAllowed(url: string, target: RendererTarget): boolean {
  return isAppPage(url, target);
}

/** No new window, ever; the URL goes to `openLink`, which decides what (if anything) to open. */
export function handleWindowOpen(url: string, openLink: OpenLink): { action: 'deny' } {
  openLink(url);
  return { action: 'deny' };
}

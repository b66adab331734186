import type { MessageBoxOptions } from 'electron';
import { isHttpUrl, parseUrl } from './renderer-target';

/** Opens a URL in the user's browser; Electron's `shell.openExternal`. */
export type OpenExternal = (url: string) => Promise<void>;
/** Shows the question (a native message box) and resolves to the index of the button pressed. */
export type AskQuestion = (options: MessageBoxOptions) => Promise<{ response: number }>;

const openButton = 0;
const cancelButton = 1;
const shownLength = 200;

/**
 * The question asked before a link leaves the app: the URL as the browser will read it (normalised,
 * an international host in punycode), cut at 200 characters, and its host on a line of its own, so
 * `https://pytorch.org@evil.example/` shows where it really goes. Cancel is the default button.
 */
export function openLinkQuestion(url: string): MessageBoxOptions {
  const parsed = parseUrl(url);
  const href = parsed?.href ?? url;
  const shown = href.length > shownLength ? `${href.slice(0, shownLength)}…` : href;
  return {
    type: 'question',
    title: 'Open a link',
    message: `Open ${shown} in your browser?`,
    detail: `The page is on ${parsed?.host ?? 'an unknown host'}. NN Lab never shows web pages itself.`,
    buttons: ['Open', 'Cancel'],
    defaultId: cancelButton,
    cancelId: cancelButton,
    noLink: true,
  };
}

/**
 * What happens to a link the page tries to open in a new window: an http(s) URL is handed to the
 * user's browser once they have said yes; any other scheme (file:, smb:, javascript:...) is dropped.
 * One question at a time: while one is on screen, further links are dropped, so a page cannot stack
 * up dialogs. Resolves to whether the link was opened.
 */
export function createLinkOpener(ask: AskQuestion, openExternal: OpenExternal): (url: string) => Promise<boolean> {
  let asking = false;
  return async (url) => {
    if (!isHttpUrl(url) || asking) return false;
    asking = true;
    try {
      const { response } = await ask(openLinkQuestion(url));
      if (response !== openButton) return false;
      await openExternal(parseUrl(url)?.href ?? url);
      return true;
    } catch (error) {
      console.error(`[nn-lab] could not open ${url}: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    } finally {
      asking = false;
    }
  };
}

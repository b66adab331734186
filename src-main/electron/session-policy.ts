import type { Session } from 'electron';
import { contentSecurityPolicy } from './content-security-policy';
import { isAppResource, type RendererTarget } from './renderer-target';

type Headers = Record<string, string[]>;

/**
 * The session's security policy: every permission (camera, notifications, geolocation...) is
 * refused, and every response of the app's own page carries the CSP header, so the policy holds
 * even if a meta tag is missing (the dev server serves the page over http; the app:// handler sets it
 * on its own responses too).
 */
export function applySessionPolicy(session: Session, target: RendererTarget): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  const policy = contentSecurityPolicy(target);
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppResource(details.url, target)) return callback({});
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });
}

/** The headers with ours as the one Content-Security-Policy (a server's own, in any case, is replaced). */
export function withContentSecurityPolicy(headers: Headers | undefined, policy: string): Headers {
  const result: Headers = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [policy];
  return result;
}

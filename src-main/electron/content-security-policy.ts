import { parseUrl, type RendererTarget } from './renderer-target';

/**
 * The renderer's Content-Security-Policy, sent as a header with every response of the app's own page
 * (app-protocol.ts for the built app, session-policy.ts for the dev server). The built index.html also
 * carries a meta tag; a page obeys every policy it gets, so the header narrows what the tag allows.
 * 'unsafe-inline' styles: Svelte transitions and ECharts set inline styles.
 */
export function contentSecurityPolicyDirectives(target: RendererTarget): string[] {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src ${connectSources(target).join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ];
}

export function contentSecurityPolicy(target: RendererTarget): string {
  return contentSecurityPolicyDirectives(target).join('; ');
}

/**
 * What the page may fetch or open a socket to. The desktop app talks to main over IPC only, so its
 * page connects to its own files and nothing else; the dev server's page also needs Vite's
 * hot-reload WebSocket on the dev server's own host and port.
 */
function connectSources(target: RendererTarget): string[] {
  if (target.kind === 'app-protocol') return ["'self'"];
  const server = parseUrl(target.url);
  const socket = server ? `${server.protocol === 'https:' ? 'wss' : 'ws'}://${server.host}` : null;
  return socket ? ["'self'", socket] : ["'self'"];
}

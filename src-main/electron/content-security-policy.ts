/**
 * The renderer's Content-Security-Policy. The built index.html carries it as a meta tag, and the
 * main process adds it as a header to every response of the app's own page (see session-policy.ts).
 * 'unsafe-inline' styles: Svelte transitions and ECharts set inline styles. connect-src allows the
 * browser host's and Vite's WebSocket on the loopback interface only.
 */
export const contentSecurityPolicyDirectives = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
] as const;

export const contentSecurityPolicy = contentSecurityPolicyDirectives.join('; ');

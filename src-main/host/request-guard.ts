import { timingSafeEqual } from 'node:crypto';

/**
 * Who may talk to the browser host. It listens on 127.0.0.1 only, but a web page the user visits can
 * still aim requests there: a DNS-rebinding page arrives with a foreign Host header, a cross-site page
 * with a foreign Origin, and neither knows the session token printed on the terminal.
 */

/** The Host header must name this server by loopback address or `localhost`, with its port. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** A browser's Origin must be this server's own (the page it served); it must be present. */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, port: number): boolean {
  return origin !== undefined && isAllowedHost(host, port) && origin === `http://${host}`;
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
export function tokensMatch(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

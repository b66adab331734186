/** `npm run serve` flags: `--port N` (default 5317; 0 = any free port), `--db FILE`, `--threads N`. */
export interface ServeArgs {
  port: number;
  databasePath?: string;
  threads?: number;
}

export const defaultPort = 5317;

export const serveUsage = 'Usage: node out/main/serve.js [--port N] [--db FILE] [--threads N]';

/** Parses the flags; a bad one throws an Error naming the flag and what it needs. */
export function parseServeArgs(argv: readonly string[]): ServeArgs {
  const args: ServeArgs = { port: defaultPort };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value. ${serveUsage}`);
      return v;
    };
    switch (flag) {
      case '--port':
        args.port = integer(flag, value(), 0, 65535);
        break;
      case '--db':
        args.databasePath = value();
        break;
      case '--threads':
        args.threads = integer(flag, value(), 1, 256);
        break;
      default:
        throw new Error(`Unknown option ${JSON.stringify(arg)}. ${serveUsage}`);
    }
  }
  return args;
}

function integer(flag: string, text: string, min: number, max: number): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new Error(`${flag} must be a whole number from ${min} to ${max}, not ${JSON.stringify(text)}.`);
  }
  return n;
}

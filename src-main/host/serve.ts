import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isApiErrorData } from '../../src-core/contract/api-error';
import { createLab, type Lab } from '../app/create-lab';
import { defaultDatabasePath } from '../app/paths';
import { startBrowserHost, type BrowserHost } from './browser-host';
import { parseServeArgs } from './serve-args';

/**
 * `npm run serve` (built to out/main/serve.js): the lab in a browser tab. Prints exactly one line with
 * the URL to open, and closes the pool and the database on SIGINT or SIGTERM.
 */
async function main(): Promise<void> {
  const args = parseServeArgs(process.argv.slice(2));
  const lab: Lab = await createLab({
    databasePath: resolve(args.databasePath ?? defaultDatabasePath()),
    host: 'browser',
    ...(args.threads !== undefined ? { threads: args.threads } : {}),
  });
  let host: BrowserHost;
  try {
    host = await startBrowserHost({
      handlers: lab.handlers,
      bus: lab.bus,
      rendererDir: fileURLToPath(new URL('../renderer/', import.meta.url)),
      port: args.port,
    });
  } catch (error) {
    await lab.close();
    throw error;
  }
  process.stdout.write(`NN Lab is running at ${host.url}\n`);

  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    host
      .close()
      .then(() => lab.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`nn-lab serve: ${describe(error)}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

function describe(error: unknown): string {
  if (error instanceof Error || isApiErrorData(error)) return error.message;
  return String(error);
}

main().catch((error: unknown) => {
  process.stderr.write(`nn-lab serve: ${describe(error)}\n`);
  process.exitCode = 1;
});

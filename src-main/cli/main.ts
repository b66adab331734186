import type { CliIo } from './command';
import { runCli } from './run-cli';

/** The `nn-lab` process entry (built to out/main/cli.js, started by bin/nn-lab.mjs). */
const io: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    io.err(`nn-lab: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);

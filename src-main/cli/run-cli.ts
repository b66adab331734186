import { ApiError } from '../../src-core/contract/api-error';
import { useKernelsFromEnvironment } from '../app/kernel-choice';
import { CliUsageError, type CliIo } from './command';
import { commands } from './commands/index';

declare const __APP_VERSION__: string | undefined;
const version = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.1.0';

function helpText(): string {
  const width = Math.max(8, ...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'nn-lab: train, inspect and compare neural networks from the command line.',
    '',
    'Usage: nn-lab <command> [options]',
    '',
    'Commands:',
    ...(lines.length ? lines : ['  (none yet)']),
    '',
    'Options:',
    '  -h, --help     show this help, or a command\'s help: nn-lab <command> --help',
    '  -v, --version  print the version',
    '',
  ].join('\n');
}

/** Runs the CLI and returns its exit code: 0 ok, 1 the work failed, 2 the command line was wrong. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.out(helpText());
    return 0;
  }
  if (name === '-v' || name === '--version') {
    io.out(`${version}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`nn-lab: unknown command '${name}'. Run 'nn-lab --help' for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return 0;
  }
  try {
    useKernelsFromEnvironment();
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.err(`nn-lab ${name}: ${error.message}\nRun 'nn-lab ${name} --help' for usage.\n`);
      return 2;
    }
    const apiError = ApiError.from(error);
    const where = [apiError.file, apiError.line, apiError.column].filter((p) => p !== undefined).join(':');
    io.err(`nn-lab ${name}: ${where ? `${where}: ` : ''}${apiError.message}\n`);
    if (process.env.NN_LAB_DEBUG && error instanceof Error) io.err(`${error.stack ?? ''}\n`);
    return 1;
  }
}

/** One `nn-lab` subcommand. `run` returns the process exit code; it never throws at the user. */
export interface CliCommand {
  name: string;
  /** One line for `nn-lab --help`. */
  summary: string;
  /** The full usage text for `nn-lab NAME --help`. */
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
}

/** A mistake the user can fix (a bad flag, a missing file): printed as one line, exit code 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

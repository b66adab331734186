import { parseArgs } from 'node:util';
import { CliUsageError } from '../command';

type FlagSpec = Record<string, { type: 'string'; multiple?: boolean } | { type: 'boolean'; multiple?: false }>;
type FlagValues<T extends FlagSpec> = { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : T[K]['multiple'] extends true ? string[] : string };

/** Strict flag parsing: an unknown flag, a missing value or a stray argument is a CliUsageError. */
export function parseFlags<T extends FlagSpec>(argv: string[], options: T): FlagValues<T> {
  try {
    const { values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
    return values as FlagValues<T>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Node's messages say "To specify a positional argument starting with a '-'..." on a second sentence; one line is enough.
    throw new CliUsageError(message.split('. ')[0]!.replace(/\.$/, ''));
  }
}

/** A flag the command cannot run without. */
export function requireFlag(value: string | undefined, flag: string, what: string): string {
  if (value === undefined || value === '') throw new CliUsageError(`missing --${flag} ${what}`);
  return value;
}

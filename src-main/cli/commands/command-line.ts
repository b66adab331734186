import { parseArgs } from 'node:util';
import { CliUsageError } from '../command';

type Options = Record<string, { type: 'string' | 'boolean' }>;
type Values<T extends Options> = { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string };

/**
 * Strict parsing with string and boolean flags and positional arguments (`runs show ID --json`): an unknown
 * flag, a missing value, or a wrong number of positionals is a CliUsageError.
 */
export function parseCommandLine<T extends Options>(
  argv: string[],
  options: T,
  positionals: { names: string[]; optional?: number },
): { values: Values<T>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliUsageError(message.split('. ')[0]!.replace(/\.$/, ''));
  }
  const wanted = positionals.names.length;
  const least = wanted - (positionals.optional ?? 0);
  if (parsed.positionals.length < least) throw new CliUsageError(`missing ${positionals.names.slice(parsed.positionals.length).join(' ')}`);
  if (parsed.positionals.length > wanted) throw new CliUsageError(`unexpected argument '${parsed.positionals[wanted]}'`);
  return { values: parsed.values as Values<T>, positionals: parsed.positionals };
}

import type { CliCommand } from '../command';

/** Every `nn-lab` subcommand, in the order `--help` lists them. */
export const commands: CliCommand[] = [];

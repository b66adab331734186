import type { CliCommand } from '../command';
import { compareCommand } from './compare';
import { evalCommand } from './eval';
import { inspectCommand } from './inspect';
import { predictCommand } from './predict';
import { backupCommand } from './backup';
import { exportCommand } from './export';
import { importWeightsCommand } from './import-weights';
import { runsCommand } from './runs';
import { sweepCommand } from './sweep';
import { trainCommand } from './train';

/** Every `nn-lab` subcommand, in the order `--help` lists them. */
export const commands: CliCommand[] = [
  trainCommand,
  predictCommand,
  evalCommand,
  inspectCommand,
  sweepCommand,
  runsCommand,
  compareCommand,
  exportCommand,
  importWeightsCommand,
  backupCommand,
];

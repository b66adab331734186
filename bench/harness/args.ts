import { engineIds, workloadIds, type EngineId, type WorkloadId } from '../workloads';

/** The bench's command line: `tsx bench/run.ts [--quick] [--only W1,W3] [--engines lab,pytorch] [--suite name] [--no-suites]`. */
export interface BenchArgs {
  quick: boolean;
  only: WorkloadId[];
  engines: EngineId[];
  /** Suites to run: every file in bench/suites/ when undefined. */
  suites?: string[];
  /** Seconds each model of a long suite may train (fashion-accuracy); undefined = the suite's default. */
  suiteBudget?: number;
  /** True when nothing was filtered or shortened (a budget is allowed: the report states it); only such a run rewrites BENCHMARKS.md and results/latest.json. */
  full: boolean;
  help: boolean;
}

export const usage = `Usage: tsx bench/run.ts [options]
  --quick               fewer images (W1 10,000, W2 1,000) and short suites, for iteration
  --only W1,W3          run these workloads only
  --engines lab,pytorch run these engines only (${engineIds.join(', ')})
  --suite NAME[,NAME]   run only these suites from bench/suites/ (no workloads unless --only is given too)
  --no-suites           run the workloads only
  --suite-budget SEC    seconds each model of a long suite may train (fashion-accuracy; default 900)
  --help                this text
Only a run without filters rewrites BENCHMARKS.md and bench/results/latest.json;
any other run writes bench/results/partial.md and partial.json.`;

export class ArgsError extends Error {}

function list<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T[] {
  if (value === undefined || value.startsWith('--')) throw new ArgsError(`${flag} needs a value, e.g. ${flag} ${allowed.slice(0, 2).join(',')}`);
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) {
    if (!allowed.includes(item as T)) throw new ArgsError(`${flag}: unknown "${item}" (expected one of ${allowed.join(', ')})`);
  }
  return items as T[];
}

export function parseArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = { quick: false, only: [...workloadIds], engines: [...engineIds], full: true, help: false };
  let onlyGiven = false;
  let noSuites = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    switch (flag) {
      case '--quick':
        args.quick = true;
        break;
      case '--only':
        args.only = list(flag, value, workloadIds);
        onlyGiven = true;
        i++;
        break;
      case '--engines':
        args.engines = list(flag, value, engineIds);
        i++;
        break;
      case '--suite':
      case '--suites':
        if (value === undefined || value.startsWith('--')) throw new ArgsError(`${flag} needs a suite name, e.g. ${flag} fashion-accuracy`);
        args.suites = value.split(',').map((s) => s.trim()).filter(Boolean);
        i++;
        break;
      case '--no-suites':
        noSuites = true;
        break;
      case '--suite-budget': {
        const seconds = Number(value);
        if (!Number.isFinite(seconds) || seconds <= 0) throw new ArgsError(`--suite-budget needs a positive number of seconds, got "${value ?? ''}"`);
        args.suiteBudget = seconds;
        i++;
        break;
      }
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new ArgsError(`unknown option "${flag}" (run with --help for the list)`);
    }
  }
  if (noSuites) args.suites = [];
  if (args.suites && args.suites.length > 0 && !onlyGiven) args.only = [];
  args.full = !args.quick && args.only.length === workloadIds.length && args.engines.length === engineIds.length &&
    args.suites === undefined;
  return args;
}

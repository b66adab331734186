import { availableParallelism } from 'node:os';
import { kernelBackend, useThreadTeam } from '../../src-core/nn/index';
import { createThreadTeam, type WorkerThreadTeam } from '../pool/thread-team';

/** The environment variable that caps the threads one run trains on (the CLI's default is every core). */
export const threadsVariable = 'NN_LAB_THREADS';

/** A thread count as written in `where` (a flag or the variable): a whole number from 1 up. */
export function parseThreads(value: string, where: string): number {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isInteger(n) || n < 1) {
    throw new Error(`${where} must be a whole number of threads, 1 or more, not ${JSON.stringify(value)}`);
  }
  return n;
}

/**
 * The threads a run trains on: `asked` (a flag) or every core, at most NN_LAB_THREADS when that is set. Throws a
 * message naming the flag or the variable for a bad value.
 */
export function chooseThreads(asked: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const wanted = asked === undefined ? availableParallelism() : parseThreads(asked, '--threads');
  const cap = env[threadsVariable];
  return cap === undefined || cap === '' ? wanted : Math.min(wanted, parseThreads(cap, threadsVariable));
}

/** This thread's team, if it has one (the CLI trains on the main thread). */
let team: WorkerThreadTeam | null = null;

/** Gives the models created from now on a team of `threads` (1: none); returns the threads their products may use. */
export function useThreads(threads: number): number {
  void team?.close();
  team = threads > 1 ? createThreadTeam(threads) : null;
  useThreadTeam(team);
  return kernelBackend() === 'js' ? 1 : threads;
}

/** The threads a run trained on since the last call (1 with js, or with products too small to split). */
export function threadsTrained(): number {
  return kernelBackend() === 'js' || !team ? 1 : team.takeThreadsUsed();
}

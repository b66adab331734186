import type { LearnClient } from './learn-client';
import type { LearnJobArgs, LearnJobKind, LearnJobResult } from './learn-jobs';

/**
 * One kind of job as a view reads it: the newest answer (kept while the next one runs, so the chart never goes
 * empty), whether a job is running, and the error's message when the last one failed.
 */
export class LearnJob<K extends LearnJobKind> {
  result = $state.raw<LearnJobResult<K> | null>(null);
  running = $state(false);
  error = $state<string | null>(null);
  /** Milliseconds the newest answer took in the worker. */
  ms = $state(0);

  constructor(
    private readonly client: Pick<LearnClient, 'run'>,
    private readonly kind: K,
  ) {}

  async run(args: LearnJobArgs<K>): Promise<void> {
    this.running = true;
    const answer = await this.client.run(this.kind, args);
    if (answer === null) return; // a newer run of this kind answers instead
    this.running = false;
    if ('error' in answer) {
      this.error = answer.error;
      return;
    }
    this.error = null;
    this.ms = answer.ms;
    this.result = answer.result;
  }
}

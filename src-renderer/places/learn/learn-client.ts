import type { LearnJobArgs, LearnJobKind, LearnJobResult, LearnReply, LearnRequest } from './learn-jobs';

/** A settled job: its result and how long it ran, or the error's message. */
export type LearnAnswer<K extends LearnJobKind> = { result: LearnJobResult<K>; ms: number } | { error: string };

/**
 * The page's side of the Learn worker: `run` posts a job and resolves with its answer, or with null when a newer
 * job of the same kind was asked for meanwhile (its answer is the one to draw). One per explorer view, closed on
 * destroy (`openLearnClient`); tests hand it a stand-in worker.
 */
export class LearnClient {
  private token = 0;
  private readonly waiting = new Map<number, { kind: LearnJobKind; resolve: (answer: LearnAnswer<LearnJobKind> | null) => void }>();

  constructor(private readonly worker: Pick<Worker, 'postMessage' | 'terminate'> & { onmessage: ((event: MessageEvent<LearnReply>) => void) | null }) {
    worker.onmessage = (event) => this.settle(event.data);
  }

  run<K extends LearnJobKind>(kind: K, args: LearnJobArgs<K>): Promise<LearnAnswer<K> | null> {
    const token = ++this.token;
    for (const [older, wait] of this.waiting) {
      if (wait.kind !== kind) continue;
      wait.resolve(null);
      this.waiting.delete(older);
    }
    const request: LearnRequest<K> = { token, kind, args };
    return new Promise((resolve) => {
      this.waiting.set(token, { kind, resolve: resolve as (answer: LearnAnswer<LearnJobKind> | null) => void });
      this.worker.postMessage(request);
    });
  }

  close(): void {
    this.worker.terminate();
    for (const wait of this.waiting.values()) wait.resolve(null);
    this.waiting.clear();
  }

  private settle(reply: LearnReply): void {
    const wait = this.waiting.get(reply.token);
    if (!wait) return;
    this.waiting.delete(reply.token);
    wait.resolve('error' in reply ? { error: reply.error } : { result: reply.result, ms: reply.ms });
  }
}

/** A Learn worker of its own for one explorer view (close it on destroy). Vite bundles the worker from this URL. */
export function openLearnClient(): LearnClient {
  return new LearnClient(new Worker(new URL('./learn.worker.ts', import.meta.url), { type: 'module' }));
}

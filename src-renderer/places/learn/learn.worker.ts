/**
 * The Learn place's worker for the explorers that train or sweep (learn-jobs.ts): the page posts a request and
 * draws the answer, so no frame waits on the core. Requests queue while a job runs; of several of one kind only
 * the newest is run (a slider dragged across ten values trains once at the end, not ten times).
 */
import { runLearnJob, type LearnJobKind, type LearnReply, type LearnRequest } from './learn-jobs';

const scope = self as unknown as { onmessage: ((event: MessageEvent<LearnRequest>) => void) | null; postMessage(message: LearnReply): void };
const newest = new Map<LearnJobKind, number>();

scope.onmessage = (event) => {
  const request = event.data;
  newest.set(request.kind, request.token);
  // Deferred, so the requests already queued are read (and `newest` updated) before this one runs.
  setTimeout(() => {
    if (newest.get(request.kind) !== request.token) return;
    scope.postMessage(runLearnJob(request, () => performance.now()));
  }, 0);
};

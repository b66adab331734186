import { describe, expect, it } from 'vitest';
import { depthTrend } from '../../../../src-core/learn/index';
import { LearnClient } from '../../../../src-renderer/places/learn/learn-client';
import { runLearnJob, type LearnReply, type LearnRequest } from '../../../../src-renderer/places/learn/learn-jobs';

describe('the Learn worker’s jobs', () => {
  it('answer through the core and survive structured cloning (what crosses to the page)', () => {
    const reply = runLearnJob({ token: 1, kind: 'init-depth', args: { activation: 'sigmoid', init: 'small_normal' } }, () => performance.now());
    if (!('result' in reply)) throw new Error(reply.error);
    const cloned = structuredClone(reply.result);
    expect(depthTrend(cloned).verdict).toBe('vanishing');
    const regularisation = runLearnJob({ token: 2, kind: 'regularisation', args: { epochs: 20, resolution: 8 } }, () => 0);
    if (!('result' in regularisation)) throw new Error(regularisation.error);
    const { runs, points, resolution } = structuredClone(regularisation.result);
    expect(runs.map((r) => r.kind)).toEqual(['none', 'l2', 'dropout', 'early_stopping']);
    expect(runs[0]!.probability).toHaveLength(64);
    expect(points).toHaveLength(30);
    expect(resolution).toBe(8);
  });

  it('turn a bad argument into its message, not a stack trace', () => {
    const reply = runLearnJob({ token: 3, kind: 'approximation', args: { target: { points: [[0, 1]] }, units: 3, activation: 'tanh' } }, () => 0);
    expect(reply).toEqual({ token: 3, kind: 'approximation', error: 'draw at least 2 points, not 1' });
  });

  it('time the batch-size runs with the clock given', () => {
    let now = 0;
    const reply = runLearnJob({ token: 4, kind: 'batch-size', args: { epochs: 1 } }, () => (now += 1));
    if (!('result' in reply)) throw new Error(reply.error);
    expect(reply.result.map((c) => c.seconds.length)).toEqual([1, 13, 400]);
    expect(reply.ms).toBeGreaterThan(0);
  });
});

describe('LearnClient', () => {
  /** A worker that answers through the job table, in order, when told to. */
  function fakeWorker() {
    const posted: LearnRequest[] = [];
    const worker = {
      onmessage: null as ((event: MessageEvent<LearnReply>) => void) | null,
      postMessage: (request: LearnRequest) => posted.push(request),
      terminate: () => {},
      answer(index: number) {
        worker.onmessage!({ data: runLearnJob(posted[index]!, () => 0) } as MessageEvent<LearnReply>);
      },
    };
    return { worker, posted };
  }

  it('resolves the newest job of a kind, and an older one with null', async () => {
    const { worker } = fakeWorker();
    const client = new LearnClient(worker);
    const older = client.run('gradient-check', {});
    const newer = client.run('gradient-check', { broken: { layer: 2, scale: 0.9 } });
    worker.answer(0);
    worker.answer(1);
    expect(await older).toBeNull();
    const answer = await newer;
    expect(answer && 'result' in answer && answer.result.passed).toBe(false);
  });

  it('keeps jobs of different kinds apart, and close() settles what waits', async () => {
    const { worker } = fakeWorker();
    const client = new LearnClient(worker);
    const check = client.run('gradient-check', {});
    const depth = client.run('init-depth', { activation: 'relu', init: 'he_normal' });
    worker.answer(0);
    expect(await check).not.toBeNull();
    client.close();
    expect(await depth).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { EventPayloads, RequestName, RequestResult } from '../../../src-core/contract/api';
import type { RunSummary } from '../../../src-core/contract/training';
import type { Lab } from '../../../src-main/app/create-lab';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { callRequest, callWholeRun } from '../../support/call-request';
import { endStatuses, nextStatus } from '../../support/run-status';
import { useTempLabs } from '../../support/temp-lab';
import { twoMoonsSpec, twoMoonsTrain } from '../pool/two-moons-run';

/**
 * Several runs started at once, as the window starts them: the service takes every start, each run is told
 * `queued` and then `running` when a thread of the real pool takes it, never more at once than the pool has
 * threads, and a run still waiting for a thread stops at once.
 */

const temp = useTempLabs('nn-lab-parallel-', useBuiltTrainWorker());
const call = <K extends RequestName>(lab: Lab, name: K, args?: unknown): Promise<RequestResult<K>> => callRequest(lab.handlers, name, args);
const start = (lab: Lab, name: string, epochs: number) =>
  call(lab, 'runs.start', { datasetId: 'two-moons', name, spec: twoMoonsSpec, train: twoMoonsTrain(epochs) });

/** Every `run.status` told, in order. */
function statuses(lab: Lab): RunSummary[] {
  const told: RunSummary[] = [];
  lab.bus.subscribe((name, payload) => {
    if (name === 'run.status') told.push(payload as RunSummary);
  });
  return told;
}

describe('several runs at once', () => {
  it('takes three starts on two threads: each queued, then running (two at most at once), all completed with results', async () => {
    const lab = await temp.openLab({ threads: 2 });
    const told = statuses(lab);
    const runs = [await start(lab, 'a', 40), await start(lab, 'b', 40), await start(lab, 'c', 40)];
    expect(runs.map((r) => r.status)).toEqual(['queued', 'queued', 'queued']);
    const ended = await Promise.all(runs.map((r) => nextStatus(lab.bus, r.id)));
    expect(ended.map((r) => r.status)).toEqual(['completed', 'completed', 'completed']);

    for (const run of runs) expect(told.filter((s) => s.id === run.id).map((s) => s.status)).toEqual(['queued', 'running', 'completed']);
    // Never more running than threads: the third waits for one of the first two to end.
    let running = 0;
    let most = 0;
    for (const summary of told) {
      if (summary.status === 'running') most = Math.max(most, ++running);
      if (summary.status === 'completed') running--;
    }
    expect(most).toBe(2);
    const thirdRuns = told.findIndex((s) => s.id === runs[2]!.id && s.status === 'running');
    const firstEnds = told.findIndex((s) => s.status === 'completed');
    expect(thirdRuns).toBeGreaterThan(firstEnds);

    for (const run of runs) {
      const detail = await callWholeRun(lab.handlers, run.id);
      expect(detail).toMatchObject({ status: 'completed', epochsDone: 40, hasWeights: true });
      expect(detail.metrics.map((m) => m.epoch)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(detail.lastAccuracy).toBeGreaterThan(0.8);
    }
  });

  it('stops a run still waiting for a thread at once, without it ever running, while the others train on', async () => {
    const lab = await temp.openLab({ threads: 1 });
    const told = statuses(lab);
    const long = await start(lab, 'long', 100_000);
    const waiting = await start(lab, 'waiting', 40);
    await new Promise<void>((resolve) => {
      const unsubscribe = lab.bus.subscribe((name, payload) => {
        if (name === 'run.progress' && (payload as EventPayloads['run.progress']).runId === long.id) {
          unsubscribe();
          resolve();
        }
      });
    });
    const waitingEnds = nextStatus(lab.bus, waiting.id);
    await call(lab, 'runs.stop', { id: waiting.id });
    const stopped = await waitingEnds;
    expect(stopped).toMatchObject({ status: 'stopped', epochsDone: 0 });
    // The long run was still training all along: the stop did not wait for its thread.
    expect((await call(lab, 'runs.get', { id: long.id })).status).toBe('running');
    expect(told.filter((s) => s.id === waiting.id).map((s) => s.status)).toEqual(['queued', 'stopped']);
    await expect(call(lab, 'runs.stop', { id: waiting.id })).rejects.toMatchObject({ code: 'conflict' });

    // A run queued after it still gets the thread once the long run ends.
    const next = await start(lab, 'next', 5);
    const longEnds = nextStatus(lab.bus, long.id, endStatuses);
    await call(lab, 'runs.stop', { id: long.id });
    expect((await longEnds).status).toBe('stopped');
    expect((await nextStatus(lab.bus, next.id)).status).toBe('completed');
  });
});

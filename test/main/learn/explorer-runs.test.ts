import { describe, expect, it } from 'vitest';
import { checklistCases, checklistWorkbench, learningRateCurves, learningRateWorkbench, noisyMoons, regularisationWorkbench, trainCurves } from '../../../src-core/learn/index';
import type { RunSummary } from '../../../src-core/contract/training';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { endStatuses, nextStatus } from '../../support/run-status';
import { useTempLabs } from '../../support/temp-lab';

/**
 * "Keep as runs" (issue 15): an explorer's set-up started as a run on the pool, tagged with the explorer, stores
 * the very curve the explorer drew (same core session, same bundled rows, same seed).
 */
const labs = useTempLabs('nn-lab-explorer-runs-', useBuiltTrainWorker());

describe('an explorer’s run kept in the database', () => {
  it('the learning-rate explorer’s “about right” run stores the loss per epoch the explorer drew, tagged explorer:learning-rate', async () => {
    const lab = await labs.openLab();
    const setup = learningRateWorkbench(0.05);
    const started = await lab.handlers['runs.start'](setup);
    const ended = nextStatus(lab.bus, started.id);
    await lab.handlers['runs.tag']({ id: started.id, tags: ['explorer:learning-rate'] });
    expect((await ended).status).toBe('completed');
    const stored = await lab.handlers['runs.metrics']({ id: started.id, from: 1 });
    const drawn = learningRateCurves([{ label: 'about right', lr: 0.05 }])[0]!;
    expect(stored.metrics.map((e) => e.loss)).toHaveLength(40);
    stored.metrics.forEach((e, i) => expect(e.loss).toBeCloseTo(drawn.loss[i]!, 6));
    const found = await lab.handlers['runs.search']({ tags: ['explorer:learning-rate'] });
    expect(found.map((r) => r.id)).toEqual([started.id]);
  }, 60_000);

  it('the checklist keeps all four broken set-ups, each on its bundled set, tagged explorer:debugging; the regularisation runs train on its 30 noisy points', async () => {
    const lab = await labs.openLab();
    const ids: string[] = [];
    for (const c of checklistCases) {
      const started = await lab.handlers['runs.start'](checklistWorkbench(c));
      const tagged = await lab.handlers['runs.tag']({ id: started.id, tags: ['explorer:debugging'] });
      expect(tagged.tags).toEqual(['explorer:debugging']);
      ids.push(started.id);
    }
    // read each run until it ends; one the diagnosis auto-pauses (the NaN) is read as paused, then stopped so the queue moves
    const statuses: RunSummary[] = [];
    for (const id of ids) {
      const run = await settled(lab, id);
      statuses.push(run);
      if (run.status === 'paused') await lab.handlers['runs.stop']({ id });
    }
    const found = await lab.handlers['runs.search']({ tags: ['explorer:debugging'] });
    expect(found.map((r) => r.id).sort()).toEqual([...ids].sort());
    const byId = new Map(found.map((r) => [r.id, r]));
    expect(ids.map((id) => byId.get(id)!.datasetId)).toEqual(['checklist-unscaled-inputs', 'checklist-wrong-labels', 'checklist-nan-in-data', 'two-moons']);
    expect(statuses[0]!.status).toBe('completed');
    expect(statuses[1]!.status).toBe('completed');
    // the NaN stops the first batch: diverged, or paused by the diagnosis, either way with a message naming it
    expect(['diverged', 'paused']).toContain(statuses[2]!.status);
    expect(`${statuses[2]!.error ?? ''} ${statuses[2]!.pauseReason ?? ''}`).toMatch(/NaN/);
    // the regularisation run trains on the explorer's 30 noisy points: its stored losses are the explorer's
    const setup = regularisationWorkbench('none');
    const train = { ...setup.train, epochs: 3 };
    const regularisation = await lab.handlers['runs.start']({ ...setup, train });
    expect(regularisation.datasetId).toBe('learn-noisy-moons');
    expect((await settled(lab, regularisation.id)).status).toBe('completed');
    const drawn = trainCurves(setup.spec, train, noisyMoons());
    expect(noisyMoons().train.rows).toBe(30);
    const stored = (await lab.handlers['runs.metrics']({ id: regularisation.id, from: 1 })).metrics;
    expect(stored).toHaveLength(3);
    stored.forEach((e, i) => expect(e.loss).toBeCloseTo(drawn.epochs[i]!.loss, 6));
  }, 120_000);
});

/** The run once it has ended or paused itself (read every 100 ms, up to a minute). */
async function settled(lab: Awaited<ReturnType<typeof labs.openLab>>, id: string): Promise<RunSummary> {
  let run = await lab.handlers['runs.get']({ id });
  for (let i = 0; i < 600 && !endStatuses.includes(run.status) && run.status !== 'paused'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    run = await lab.handlers['runs.get']({ id });
  }
  return run;
}

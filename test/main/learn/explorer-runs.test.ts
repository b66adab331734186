import { describe, expect, it } from 'vitest';
import { checklistCases, checklistWorkbench, learningRateCurves, learningRateWorkbench, noisyMoons, regularisationWorkbench } from '../../../src-core/learn/index';
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
    const ended: Array<ReturnType<typeof nextStatus>> = [];
    for (const c of checklistCases) {
      const started = await lab.handlers['runs.start'](checklistWorkbench(c));
      // a run the diagnosis auto-pauses ends here too (paused, with the reason)
      ended.push(nextStatus(lab.bus, started.id, [...endStatuses, 'paused']));
      console.log('started', c, started.status);
      const tagged = await lab.handlers['runs.tag']({ id: started.id, tags: ['explorer:debugging'] });
      expect(tagged.tags).toEqual(['explorer:debugging']);
      ids.push(started.id);
    }
    const statuses = await Promise.all(ended);
    console.log(statuses.map((s) => [s.status, s.error, s.pauseReason]));
    const found = await lab.handlers['runs.search']({ tags: ['explorer:debugging'] });
    expect(found.map((r) => r.id).sort()).toEqual([...ids].sort());
    const byId = new Map(found.map((r) => [r.id, r]));
    expect(ids.map((id) => byId.get(id)!.datasetId)).toEqual(['checklist-unscaled-inputs', 'checklist-wrong-labels', 'checklist-nan-in-data', 'two-moons']);
    // each run ended (a NaN in the data or lr 20 may stop it early); none is left queued or running
    // the NaN stops the first batch: diverged, or paused by the diagnosis, either way with a message naming it
    expect(['diverged', 'paused']).toContain(statuses[2]!.status);
    expect(`${statuses[2]!.error ?? ''} ${statuses[2]!.pauseReason ?? ''}`).toMatch(/NaN/);
    const regularisation = await lab.handlers['runs.start']({ ...regularisationWorkbench('none'), train: { ...regularisationWorkbench('none').train, epochs: 3 } });
    expect(regularisation.datasetId).toBe('learn-noisy-moons');
    let stored = await lab.handlers['runs.get']({ id: regularisation.id });
    console.log('regularisation', stored.status);
    for (let i = 0; i < 200 && !endStatuses.includes(stored.status); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      stored = await lab.handlers['runs.get']({ id: regularisation.id });
    }
    console.log('regularisation', stored.status, stored.error);
    expect(stored.status).toBe('completed');
    // three epochs of one batch each: the 30 training rows of the explorer's set, not the 400 of two-moons
    expect(noisyMoons().train.rows).toBe(30);
    expect((await lab.handlers['runs.metrics']({ id: regularisation.id, from: 1 })).metrics).toHaveLength(3);
  }, 400_000);
});

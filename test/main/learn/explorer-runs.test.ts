import { describe, expect, it } from 'vitest';
import { learningRateCurves, learningRateWorkbench } from '../../../src-core/learn/index';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { nextStatus } from '../../support/run-status';
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
});

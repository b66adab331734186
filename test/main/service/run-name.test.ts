import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../src-core/contract/training';
import { nextRunName } from '../../../src-main/service/run-name';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { callRequest } from '../../support/call-request';
import { nextStatus } from '../../support/run-status';
import { useTempLabs } from '../../support/temp-lab';
import { twoMoonsSpec, twoMoonsTrain } from '../pool/two-moons-run';

describe('nextRunName', () => {
  it('counts per dataset: the first XOR run is "XOR #1" whatever other datasets ran', () => {
    expect(nextRunName('XOR', ['Two moons #1', 'Two moons #2', 'Circles #1'])).toBe('XOR #1');
    expect(nextRunName('Two moons', ['Two moons #1', 'Two moons #2', 'XOR #1'])).toBe('Two moons #3');
  });

  it('follows the highest number used, so a deleted run\'s number is not reused while a later one exists', () => {
    expect(nextRunName('XOR', ['XOR #3'])).toBe('XOR #4');
  });

  it('ignores names that only look alike: copies, renamed runs, other datasets whose name starts the same', () => {
    expect(nextRunName('XOR', ['XOR #1 (copy)', 'my XOR #7', 'XOR #x', 'XOR 2 #5'])).toBe('XOR #1');
  });
});

const trainWorker = useBuiltTrainWorker();
const temp = useTempLabs('nn-lab-run-name-', trainWorker);

describe('runs.start without a name', () => {
  it('numbers the runs of each dataset on their own', async () => {
    const lab = await temp.openLab({ threads: 1 });
    const start = async (datasetId: string): Promise<RunSummary> => {
      const run = await callRequest(lab.handlers, 'runs.start', { datasetId, spec: twoMoonsSpec, train: twoMoonsTrain(2) });
      await nextStatus(lab.bus, run.id, ['completed', 'failed', 'diverged', 'stopped']);
      return run;
    };
    expect((await start('two-moons')).name).toBe('Two moons #1');
    expect((await start('two-moons')).name).toBe('Two moons #2');
    expect((await start('xor')).name).toBe('XOR #1');
    expect((await start('two-moons')).name).toBe('Two moons #3');
  });
});

import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../../src-core/contract/training';
import { runActionStates } from '../../../../src-renderer/lib/runs/run-action-state';

const run = (extra: Partial<RunSummary>): RunSummary => ({
  id: 'r',
  name: 'Run r',
  status: 'completed',
  datasetName: 'Two moons',
  task: 'classification',
  epochs: 10,
  epochsDone: 10,
  createdAt: '2026-01-01T10:00:00Z',
  ...extra,
});

describe('runActionStates', () => {
  it('offers Pause only while running, Resume only while paused', () => {
    expect(runActionStates(run({ status: 'running' })).pause.enabled).toBe(true);
    expect(runActionStates(run({ status: 'running' })).resume).toEqual({ enabled: false, reason: 'Only a paused run can be resumed' });
    expect(runActionStates(run({ status: 'paused' })).resume.enabled).toBe(true);
    expect(runActionStates(run({ status: 'queued' })).pause.reason).toBe('A queued run cannot be paused until it starts');
    expect(runActionStates(run({ status: 'completed' })).pause.reason).toBe('Only a running run can be paused');
  });

  it('offers Continue, Re-run and Delete only for runs that have ended, with the reason otherwise', () => {
    const live = runActionStates(run({ status: 'running', epochsDone: 3 }));
    expect(live.continue).toEqual({ enabled: false, reason: 'Continue is for runs that have ended' });
    expect(live.delete).toEqual({ enabled: false, reason: 'Stop the run before deleting it' });
    expect(live.rerun.enabled).toBe(false);
    expect(live.stop.enabled).toBe(true);
    const ended = runActionStates(run({ status: 'stopped', epochsDone: 4 }));
    expect([ended.continue.enabled, ended.rerun.enabled, ended.delete.enabled, ended.stop.enabled]).toEqual([true, true, true, false]);
  });

  it('waits for another training run before re-running or continuing', () => {
    const states = runActionStates(run({}), true);
    expect(states.rerun.reason).toBe('Another run is training');
    expect(states.continue.reason).toBe('Another run is training');
    expect(states.delete.enabled).toBe(true);
  });

  it('cannot continue or export a run that stored no epochs', () => {
    const states = runActionStates(run({ status: 'failed', epochsDone: 0 }));
    expect(states.continue.reason).toBe('The run stored no epochs to continue from');
    expect(states.export.enabled).toBe(false);
  });

  it('disables everything with no run selected', () => {
    expect(Object.values(runActionStates(null)).every((s) => !s.enabled && s.reason === 'Select a run first')).toBe(true);
  });
});

describe('runActionStates on a read-only database', () => {
  it('offers only Export, and says why the rest are disabled', () => {
    const states = runActionStates(run({}), false, true);
    expect(states.export.enabled).toBe(true);
    for (const action of ['rerun', 'continue', 'delete', 'duplicate'] as const) {
      expect(states[action]).toEqual({ enabled: false, reason: 'The run database is read-only: runs can be viewed but not changed' });
    }
  });
});

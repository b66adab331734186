import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../../src-core/contract/training';
import { isActive, runsInProgress, upsertRun, windowTitle, withEpoch } from '../../../../src-renderer/lib/stores/run-status';

const run = (id: string, createdAt: string, extra: Partial<RunSummary> = {}): RunSummary => ({
  id,
  name: `Run ${id}`,
  status: 'running',
  datasetName: 'Two moons',
  task: 'classification',
  epochs: 10,
  epochsDone: 0,
  createdAt,
  ...extra,
});

describe('run list updates', () => {
  it('adds a new run at the top and replaces a known one in place of its old row', () => {
    const list = [run('a', '2026-01-01T10:00:00Z'), run('b', '2026-01-01T09:00:00Z')];
    const added = upsertRun(list, run('c', '2026-01-01T11:00:00Z'));
    expect(added.map((r) => r.id)).toEqual(['c', 'a', 'b']);
    const replaced = upsertRun(added, run('b', '2026-01-01T09:00:00Z', { status: 'completed', lastAccuracy: 0.98 }));
    expect(replaced.map((r) => r.id)).toEqual(['c', 'a', 'b']);
    expect(replaced[2]).toMatchObject({ status: 'completed', lastAccuracy: 0.98 });
  });

  it('keeps a finished run finished when a stale active summary arrives after it', () => {
    const list = [run('a', '2026-01-01T10:00:00Z', { status: 'completed', epochsDone: 10 })];
    expect(upsertRun(list, run('a', '2026-01-01T10:00:00Z', { status: 'queued' }))).toBe(list);
  });

  it('moves a row on with each streamed epoch, and ignores an epoch it has already seen', () => {
    const list = [run('a', '2026-01-01T10:00:00Z', { status: 'queued' })];
    const next = withEpoch(list, 'a', { epoch: 1, loss: 0.6, accuracy: 0.7, lr: 0.01, seconds: 0.1 });
    expect(next[0]).toMatchObject({ status: 'running', epochsDone: 1, lastLoss: 0.6, lastAccuracy: 0.7 });
    expect(withEpoch(next, 'a', { epoch: 1, loss: 9, lr: 0.01, seconds: 0.1 })).toBe(next);
    expect(withEpoch(next, 'unknown', { epoch: 5, loss: 9, lr: 0.01, seconds: 0.1 })).toBe(next);
  });

  it('counts queued, running and paused runs as active', () => {
    expect(['queued', 'running', 'paused', 'completed', 'failed'].map((s) => isActive(s as RunSummary['status']))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('windowTitle and runsInProgress', () => {
  it('names the one run training, counts several, and is the app name when none is', () => {
    expect(windowTitle([])).toBe('NN Lab');
    expect(windowTitle([run('a', '2026-01-01T10:00:00Z', { epochsDone: 3 })])).toBe('Run a · 3 of 10 — NN Lab');
    expect(windowTitle([run('a', '2026-01-01T10:00:00Z'), run('b', '2026-01-01T09:00:00Z', { status: 'queued' })])).toBe('2 runs training — NN Lab');
    expect(runsInProgress(1)).toBe('A run is in progress');
    expect(runsInProgress(3)).toBe('3 runs are in progress');
  });
});

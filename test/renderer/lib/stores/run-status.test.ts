import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../../src-core/contract/training';
import { activeRunLine, activeSummary, endedNotice, isActive, progressFraction, trainHint, upsertRun, windowTitle, epochProgress } from '../../../../src-renderer/lib/stores/run-status';

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
    const queued = run('a', '2026-01-01T10:00:00Z', { status: 'queued' });
    const next = epochProgress(queued, { epoch: 1, loss: 0.6, accuracy: 0.7, lr: 0.01, seconds: 0.1 });
    expect(next).toEqual({ status: 'running', epochsDone: 1, lastLoss: 0.6, lastAccuracy: 0.7 });
    expect(epochProgress({ ...queued, ...next }, { epoch: 1, loss: 9, lr: 0.01, seconds: 0.1 })).toBeNull();
    expect(epochProgress({ ...queued, status: 'paused', epochsDone: 1 }, { epoch: 2, loss: 0.5, lr: 0.01, seconds: 0.1 })).toEqual({
      status: 'paused',
      epochsDone: 2,
      lastLoss: 0.5,
    });
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

describe('windowTitle, activeSummary and trainHint', () => {
  const at = '2026-01-01T10:00:00Z';
  it('names the one run training, counts several by status, and is the app name when none is', () => {
    expect(windowTitle([])).toBe('NN Lab');
    expect(windowTitle([run('a', at, { epochsDone: 3 })])).toBe('Run a · 3 of 10 — NN Lab');
    expect(windowTitle([run('a', at), run('b', at, { status: 'queued' })])).toBe('1 running, 1 queued — NN Lab');
    expect(activeSummary([run('a', at), run('b', at, { status: 'paused' }), run('c', at), run('d', at, { status: 'queued' })])).toBe(
      '2 running, 1 paused, 1 queued',
    );
  });

  it('says whether a new run starts at once or waits for a thread', () => {
    expect(trainHint([], 2, 'Ctrl+Enter')).toBe('Train a new run (Ctrl+Enter)');
    expect(trainHint([run('a', at)], 2, 'Ctrl+Enter')).toBe('Train a new run (Ctrl+Enter). 1 running: it starts at once');
    expect(trainHint([run('a', at), run('b', at, { status: 'paused' })], 2, 'Ctrl+Enter')).toBe(
      'Train a new run (Ctrl+Enter). 1 running, 1 paused: it waits in the queue for one of the 2 threads',
    );
    expect(trainHint([run('a', at)], null, '⌘+Enter')).toBe('Train a new run (⌘+Enter). 1 running');
  });
});

describe('endedNotice', () => {
  it('tells a run that has just ended, and nothing for a run still active or one that had ended already', () => {
    const at = '2026-01-01T10:00:00Z';
    expect(endedNotice(run('a', at), run('a', at, { status: 'completed' }))).toBe('Run a: completed');
    expect(endedNotice(run('a', at, { status: 'queued' }), run('a', at, { status: 'stopped' }))).toBe('Run a: stopped');
    expect(endedNotice(run('a', at, { status: 'queued' }), run('a', at))).toBeNull();
    expect(endedNotice(run('a', at, { status: 'completed' }), run('a', at, { status: 'completed' }))).toBeNull();
    expect(endedNotice(undefined, run('a', at, { status: 'completed' }))).toBeNull();
  });
});

describe('an active run in the list', () => {
  it('is a fraction of its planned epochs, kept within 0 and 1', () => {
    expect(progressFraction({ epochs: 40, epochsDone: 10 })).toBe(0.25);
    expect(progressFraction({ epochs: 0, epochsDone: 0 })).toBe(0);
    expect(progressFraction({ epochs: 10, epochsDone: 12 })).toBe(1);
  });

  it('says why a queued run waits, and how far a running or paused one is; nothing once it has ended', () => {
    expect(activeRunLine(run('a', '2026-01-01T10:00:00Z', { status: 'queued' }))).toBe('Waiting for a free thread');
    expect(activeRunLine(run('a', '2026-01-01T10:00:00Z', { epochsDone: 3, epochs: 1200 }))).toBe('Epoch 3 of 1,200');
    expect(activeRunLine(run('a', '2026-01-01T10:00:00Z', { status: 'paused', epochsDone: 4 }))).toBe('Paused at epoch 4 of 10');
    expect(activeRunLine(run('a', '2026-01-01T10:00:00Z', { status: 'completed', epochsDone: 10 }))).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../../src-core/contract/training';
import { groupRuns, listSegments, nameInSweep, tagsOf } from '../../../../src-renderer/lib/runs/run-groups';

const run = (id: string, extra: Partial<RunSummary> = {}): RunSummary => ({
  id,
  name: `Run ${id}`,
  status: 'completed',
  datasetName: 'Two moons',
  task: 'classification',
  epochs: 10,
  epochsDone: 10,
  createdAt: '2026-01-01T10:00:00Z',
  ...extra,
});

describe('groupRuns', () => {
  it("puts a sweep's runs under its name where its newest run was, and leaves other runs in place", () => {
    const list = [run('a'), run('s2', { sweepId: 'S' }), run('b'), run('s1', { sweepId: 'S' })];
    const entries = groupRuns(list, [{ id: 'S', name: 'lr sweep' }]);
    expect(entries.map((e) => (e.kind === 'run' ? e.run.id : `${e.name}:${e.runs.map((r) => r.id).join(',')}`))).toEqual([
      'a',
      'lr sweep:s2,s1',
      'b',
    ]);
  });

  it('names a sweep not loaded yet by its id', () => {
    const [entry] = groupRuns([run('x', { sweepId: 'S9' })], []);
    expect(entry).toMatchObject({ kind: 'sweep', name: 'Sweep S9' });
  });
});

describe('tagsOf', () => {
  it('lists each tag once, sorted', () => {
    expect(tagsOf([run('a', { tags: ['wide', 'baseline'] }), run('b', { tags: ['baseline'] }), run('c')])).toEqual(['baseline', 'wide']);
  });
});

describe('nameInSweep', () => {
  it("drops the sweep's name a run's name starts with, and keeps other names whole", () => {
    expect(nameInSweep('Learning rates: lr=0.1, seed 1', 'Learning rates')).toBe('lr=0.1, seed 1');
    expect(nameInSweep('Learning rates', 'Learning rates')).toBe('Learning rates');
    expect(nameInSweep('Other run', 'Learning rates')).toBe('Other run');
  });
});

describe('listSegments', () => {
  it('joins consecutive runs on their own into one segment and keeps each sweep apart', () => {
    const sweep = { kind: 'sweep' as const, sweepId: 's', name: 'Rates', runs: [run('s1'), run('s2')] };
    const segments = listSegments([{ kind: 'run', run: run('a') }, { kind: 'run', run: run('b') }, sweep, { kind: 'run', run: run('c') }]);
    expect(segments.map((s) => (s.kind === 'runs' ? s.runs.map((r) => r.id) : s.sweepId))).toEqual([['a', 'b'], 's', ['c']]);
    expect(listSegments([])).toEqual([]);
  });
});

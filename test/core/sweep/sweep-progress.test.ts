import { describe, expect, it } from 'vitest';
import { sweepProgress, timeLeft, type SweepRunProgress } from '../../../src-core/sweep/sweep-progress';

const t0 = Date.parse('2026-01-01T10:00:00Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();
const run = (status: SweepRunProgress['status'], epochsDone: number, startedAt?: number): SweepRunProgress => ({
  status,
  epochs: 10,
  epochsDone,
  ...(startedAt !== undefined ? { startedAt: at(startedAt) } : {}),
});

describe('one progress for a sweep', () => {
  it('counts the running runs’ epochs in, and tells the time left at the pace so far', () => {
    // 2 done, 2 half-way, 2 queued: 30 of 60 epochs trained in 60 s, 30 to go.
    const p = sweepProgress([run('completed', 10, 0), run('completed', 10, 0), run('running', 5, 20), run('running', 5, 20), run('queued', 0), run('queued', 0)], { now: t0 + 60_000 });
    expect(p).toMatchObject({ total: 6, ended: 2, completed: 2, running: 2, queued: 2, state: 'running' });
    expect(p.fraction).toBeCloseTo(3 / 6);
    expect(p.secondsLeft).toBeCloseTo(60);
    expect(p.text).toBe('2 of 6 runs done · 2 running · 2 queued · about 1 min left');
  });
  it('holds: the queued runs wait, no time left is promised', () => {
    const p = sweepProgress([run('completed', 10, 0), run('running', 4, 5), run('queued', 0)], { held: true, now: t0 + 30_000 });
    expect(p.state).toBe('held');
    expect(p.secondsLeft).toBeNull();
    expect(p.text).toBe('1 of 3 runs done · 1 running · 1 held back');
  });
  it('after "Cancel the rest" the sweep is finished: the cancelled runs count as stopped, the bar is full', () => {
    const p = sweepProgress([run('completed', 10, 0), run('stopped', 3, 0), run('stopped', 0), run('stopped', 0), run('stopped', 0), run('stopped', 0)], { now: t0 + 90_000 });
    expect(p).toMatchObject({ ended: 6, completed: 1, stopped: 5, state: 'finished', fraction: 1, secondsLeft: null });
    expect(p.text).toBe('6 of 6 runs done · 5 stopped');
  });
  it('knows no time left before an epoch is trained, and counts failures', () => {
    const p = sweepProgress([run('diverged', 2, 0), run('queued', 0)], { now: t0 });
    expect(p.secondsLeft).toBeNull();
    expect(p.text).toBe('1 of 2 runs done · 1 failed · 1 queued');
    expect(sweepProgress([], { now: t0 })).toMatchObject({ total: 0, fraction: 0, state: 'finished' });
  });
  it('says a time left as people do', () => {
    expect(timeLeft(0.2)).toBe('1 s');
    expect(timeLeft(42)).toBe('42 s');
    expect(timeLeft(150)).toBe('3 min');
    expect(timeLeft(4800)).toBe('1 h 20 min');
  });
});

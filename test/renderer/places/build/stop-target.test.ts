import { describe, expect, it } from 'vitest';
import { stopTarget } from '../../../../src-renderer/places/build/stop-target';
import { summary } from '../../lib/stores/run-summary-fixture';

const running = (id: string) => summary(id, '2026-01-01T10:00:00Z', { status: 'running', epochsDone: 2 });
const queued = (id: string) => summary(id, '2026-01-01T11:00:00Z', { status: 'queued', epochsDone: 0 });

describe('stopTarget', () => {
  it('stops the run shown, whichever others train', () => {
    const shown = queued('q');
    expect(stopTarget(shown, [running('a'), shown, running('b')], false).stoppable?.id).toBe('q');
  });

  it('stops the one run training when none is shown', () => {
    expect(stopTarget(null, [running('a')], false).stoppable?.id).toBe('a');
  });

  it('never guesses among several active runs: Stop waits for one to be picked, saying why', () => {
    const { target, state, stoppable } = stopTarget(null, [running('a'), queued('b'), running('c')], false);
    expect(target).toBeNull();
    expect(stoppable).toBeNull();
    expect(state).toEqual({ enabled: false, reason: '3 runs are training: pick the one to stop' });
  });

  it('keeps an ended run shown, disabled with its reason', () => {
    const ended = summary('e', '2026-01-01T09:00:00Z', { status: 'completed' });
    const { target, state } = stopTarget(ended, [running('a')], false);
    expect(target?.id).toBe('e');
    expect(state.enabled).toBe(false);
    expect(state.reason).toBe('Run e has completed: there is nothing to stop');
  });
});

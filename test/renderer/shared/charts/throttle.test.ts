import { afterEach, describe, expect, it, vi } from 'vitest';
import { throttle } from '../../../../src-renderer/shared/charts/throttle';

afterEach(() => vi.useRealTimers());

describe('throttle', () => {
  it('calls once per interval, the last call included, and works again after a cancel', () => {
    vi.useFakeTimers();
    let calls = 0;
    const t = throttle(() => calls++, 1000);
    t();
    t();
    vi.advanceTimersByTime(0);
    expect(calls).toBe(1);
    t();
    vi.advanceTimersByTime(500);
    expect(calls).toBe(1);
    t.cancel();
    vi.advanceTimersByTime(1000);
    expect(calls).toBe(1);
    t();
    vi.advanceTimersByTime(1000);
    expect(calls).toBe(2);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NoticesStore } from '../../../../src-renderer/shared/toasts/notices.svelte';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const texts = (store: NoticesStore): string[] => store.items.map((n) => n.text);

describe('NoticesStore', () => {
  it('lets a passing error go after its lifetime', () => {
    const store = new NoticesStore(null, 5000);
    store.error('Could not pause the run', new Error('it is not running'));
    vi.advanceTimersByTime(4999);
    expect(texts(store)).toEqual(['Could not pause the run: it is not running']);
    vi.advanceTimersByTime(1);
    expect(store.items).toEqual([]);
  });

  it('keeps an error while it is hovered or focused, and lets it go a full lifetime after both left', () => {
    const store = new NoticesStore(null, 5000);
    store.error('Could not stop the run', new Error('gone'));
    const id = store.items[0]!.id;
    store.hold(id, 'pointer');
    store.hold(id, 'focus');
    vi.advanceTimersByTime(20_000);
    store.release(id, 'pointer');
    vi.advanceTimersByTime(20_000);
    expect(store.items).toHaveLength(1); // still focused
    store.release(id, 'focus');
    vi.advanceTimersByTime(4999);
    expect(store.items).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(store.items).toEqual([]);
  });

  it('keeps an error that needs action until it is dismissed', () => {
    const store = new NoticesStore(null, 5000);
    store.error('Could not load the runs', new Error('the database is locked'), { persistent: true });
    vi.advanceTimersByTime(60_000);
    expect(store.items).toHaveLength(1);
    store.dismiss(store.items[0]!.id);
    expect(store.items).toEqual([]);
  });

  it('never piles up: the same error once, at most four at a time', () => {
    const store = new NoticesStore(null, 5000);
    for (let i = 0; i < 6; i++) store.error('Could not save', new Error(`reason ${i}`));
    store.error('Could not save', new Error('reason 5'));
    expect(texts(store)).toEqual(['Could not save: reason 2', 'Could not save: reason 3', 'Could not save: reason 4', 'Could not save: reason 5']);
  });
});

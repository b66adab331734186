import { describeError } from '../../lib/errors/describe-error';
import type { LabHub } from '../hub/event-hub';

/** What the person can do about a notice, as a button on it (the notice goes when it is pressed). */
export interface NoticeAction {
  label: string;
  run: () => void;
}

export interface Notice {
  id: number;
  text: string;
  /** A button on the notice; a notice with an action is persistent. */
  action?: NoticeAction;
  /** Stays until dismissed: the user has to do something about it (reload, pick another run…). */
  persistent: boolean;
}

type Holder = 'pointer' | 'focus';

/** How long a passing error stays on screen, counted again after the pointer or focus leaves it. */
export const noticeLifetimeMs = 6000;

/**
 * Messages for the user (API errors, mostly), shown as toasts. A passing error leaves by itself after
 * `noticeLifetimeMs`, but never while it is held (hovered or focused); a persistent one stays until dismissed.
 */
export class NoticesStore {
  items = $state.raw<Notice[]>([]);
  private nextId = 1;
  // Timers are bookkeeping, never rendered.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly holders = new Map<number, Set<Holder>>();

  /** Shows every `notice.error` the stores send on `hub`. */
  constructor(hub: LabHub | null = null, private readonly lifetimeMs = noticeLifetimeMs) {
    hub?.on('notice.error', ({ context, error, persistent, action }) => this.error(context, error, { persistent, action }));
  }

  /** Shows what went wrong, e.g. `error('Could not start training', e)`; `persistent` when it needs the user's action, `action` as a button (then it stays too). */
  error(context: string, error: unknown, options: { persistent?: boolean; action?: NoticeAction | undefined } = {}): void {
    const text = `${context}: ${describeError(error)}`;
    for (const same of this.items.filter((n) => n.text === text)) this.dismiss(same.id);
    while (this.items.length >= 4) this.dismiss(this.items[0]!.id);
    const { action } = options;
    const notice: Notice = { id: this.nextId++, text, persistent: (options.persistent ?? false) || action !== undefined, ...(action ? { action } : {}) };
    this.items = [...this.items, notice];
    this.startTimer(notice);
  }

  /** The pointer (`by: 'pointer'`) or the focus is on the notice: it stays while the user reads it. */
  hold(id: number, by: Holder): void {
    // Bookkeeping, never rendered.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.holders.set(id, new Set([...(this.holders.get(id) ?? []), by]));
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }

  /** The pointer or the focus left: once neither is on it, a passing notice leaves after its full lifetime. */
  release(id: number, by: Holder): void {
    const holders = this.holders.get(id);
    holders?.delete(by);
    if (holders?.size) return;
    const notice = this.items.find((n) => n.id === id);
    if (notice) this.startTimer(notice);
  }

  dismiss(id: number): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this.holders.delete(id);
    this.items = this.items.filter((n) => n.id !== id);
  }

  private startTimer(notice: Notice): void {
    if (notice.persistent) return;
    clearTimeout(this.timers.get(notice.id));
    this.timers.set(
      notice.id,
      setTimeout(() => this.dismiss(notice.id), this.lifetimeMs),
    );
  }
}


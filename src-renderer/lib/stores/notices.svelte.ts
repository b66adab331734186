import { describeError } from '../errors/describe-error';

/** What the person can do about a notice, as a button on it (the notice goes when it is pressed). */
export interface NoticeAction {
  label: string;
  run: () => void;
}

export interface Notice {
  id: number;
  text: string;
  action?: NoticeAction;
}

/** Messages for the user (API errors, mostly), shown as dismissible toasts. */
class NoticesStore {
  items = $state.raw<Notice[]>([]);
  private nextId = 1;

  /** Shows what went wrong, e.g. `error('Could not start training', e)`. */
  error(context: string, error: unknown, action?: NoticeAction): void {
    const text = `${context}: ${describeError(error)}`;
    this.items = [...this.items.filter((n) => n.text !== text), { id: this.nextId++, text, ...(action ? { action } : {}) }].slice(-4);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((n) => n.id !== id);
  }
}

export const notices = new NoticesStore();

import type { AppNotice } from '../../src-core/contract/app-api';
import type { LabApi } from '../../src-core/contract/api';

/**
 * The database notices `app.info` carries (a corrupt file set aside, a read-only file), shown until dismissed, and
 * the pool's size.
 */
export class AppNoticesStore {
  items = $state.raw<readonly AppNotice[]>([]);
  readOnly = $state(false);
  /** The training pool's threads: how many runs train at once (the rest wait queued). Null until known. */
  threads = $state<number | null>(null);
  // Read only when notices arrive, never rendered: deliberately not reactive.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly dismissed = new Set<string>();

  constructor(private readonly api: Pick<LabApi, 'app.info'>) {}

  /** Reads the notices (on every connect: a restarted host may have new ones); dismissed ones stay hidden. */
  async load(): Promise<void> {
    try {
      const info = await this.api['app.info']();
      const notices = info.notices ?? [];
      this.threads = info.threads;
      this.readOnly = notices.some((n) => n.kind === 'database-read-only');
      this.items = notices.filter((n) => !this.dismissed.has(keyOf(n)));
    } catch {
      // No notices to show; the connection banner already tells when the host is unreachable.
    }
  }

  dismiss(notice: AppNotice): void {
    this.dismissed.add(keyOf(notice));
    this.items = this.items.filter((n) => keyOf(n) !== keyOf(notice));
  }
}

const keyOf = (n: AppNotice): string => `${n.kind}\u0000${n.file}`;


import { defaultRoute, formatRoute, parseRoute, type Route } from './route';

/** Where the last hash is kept, so the desktop app reopens where it was. */
export const lastRouteKey = 'nn-lab.last-route';

/** The window's side of the hash: what `location`, `history` and `localStorage` offer it (a test passes its own). */
export interface RouterHost {
  hash(): string;
  setHash(hash: string, replace: boolean): void;
  onHashChange(listener: () => void): () => void;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
}

/** The route shown, following the URL hash both ways; on a start without a hash, the last one stored. */
export class RouterStore {
  route = $state.raw<Route>(defaultRoute);
  private readonly stop: () => void;

  constructor(private readonly host: RouterHost) {
    const stored = host.hash() ? null : readStored(host.storage);
    if (stored) host.setHash(stored, true);
    this.route = parseRoute(host.hash());
    this.stop = host.onHashChange(() => this.follow());
  }

  /** Shows a route: a new history entry (Back returns), or the same one with `replace`. */
  go(route: Route, replace = false): void {
    const hash = formatRoute(route);
    if (hash !== this.host.hash()) this.host.setHash(hash, replace);
    this.route = parseRoute(hash);
    this.remember(hash);
  }

  dispose(): void {
    this.stop();
  }

  private follow(): void {
    const route = parseRoute(this.host.hash());
    const hash = formatRoute(route);
    // One change of the hash brings both `hashchange` and `popstate`: the second must not make a new route object,
    // or every place keyed on it loads again (Compare asked `runs.compare` twice, the first answer thrown away).
    if (hash === formatRoute(this.route)) return;
    this.route = route;
    this.remember(hash);
  }

  private remember(hash: string): void {
    try {
      this.host.storage?.setItem(lastRouteKey, hash);
    } catch {
      // Storage full or refused: the window just opens on the default place next time.
    }
  }
}

function readStored(storage: RouterHost['storage']): string | null {
  try {
    const hash = storage?.getItem(lastRouteKey);
    return hash && hash.startsWith('#/') ? formatRoute(parseRoute(hash)) : null;
  } catch {
    return null;
  }
}

/** The window's own hash. */
export function windowRouterHost(): RouterHost {
  return {
    hash: () => window.location.hash,
    setHash: (hash, replace) => {
      if (replace) history.replaceState(history.state, '', hash);
      else history.pushState(history.state, '', hash);
    },
    onHashChange: (listener) => {
      window.addEventListener('hashchange', listener);
      window.addEventListener('popstate', listener);
      return () => {
        window.removeEventListener('hashchange', listener);
        window.removeEventListener('popstate', listener);
      };
    },
    storage: typeof localStorage === 'undefined' ? null : localStorage,
  };
}

export const router = new RouterStore(
  typeof window === 'undefined'
    ? { hash: () => '', setHash: () => {}, onHashChange: () => () => {}, storage: null }
    : windowRouterHost(),
);

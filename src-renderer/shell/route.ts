/** The window's places and the URL hash that names each view (`#/runs/<id>`): parsed and formatted, nothing else. */
export type Place = 'data' | 'build' | 'runs' | 'learn';

export type Route =
  | { place: 'data'; datasetId?: string }
  | { place: 'build' }
  /** `beside`: another run drawn beside it in the Inside the network tab (Compare's "Open side by side"). */
  | { place: 'runs'; runId?: string; beside?: string }
  /** `vs`: the runs the others are judged against (the verdict's second side), when their configs do not tell them apart. */
  | { place: 'compare'; runIds: readonly string[]; vs?: readonly string[] }
  | { place: 'learn'; explorerId?: string };

/** Where the window opens when the hash names nothing it knows. */
export const defaultRoute: Route = { place: 'build' };

/** The places in the navigation bar, in order: Ctrl/Cmd+1..4 follow it. */
export const places: readonly { place: Place; label: string }[] = [
  { place: 'data', label: 'Data' },
  { place: 'build', label: 'Build & train' },
  { place: 'runs', label: 'Runs' },
  { place: 'learn', label: 'Learn' },
];

/** The place a route belongs to in the navigation bar (Compare lives under Runs). */
export function placeOf(route: Route): Place {
  return route.place === 'compare' ? 'runs' : route.place;
}

/** `location.hash` (with or without `#`) as a route; anything unknown is the default route, never an error. */
export function parseRoute(hash: string): Route {
  const text = hash.replace(/^#/, '');
  const [path = '', query = ''] = text.split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodePart);
  if (parts.some((p) => p === null)) return defaultRoute;
  const [head, id, ...rest] = parts as string[];
  if (rest.length > 0) return defaultRoute;
  switch (head) {
    case 'data':
      return id ? { place: 'data', datasetId: id } : { place: 'data' };
    case 'build':
      return id ? defaultRoute : { place: head };
    case 'learn':
      return id ? { place: 'learn', explorerId: id } : { place: 'learn' };
    case 'runs': {
      if (!id) return { place: 'runs' };
      const beside = new URLSearchParams(query).get('beside');
      return beside ? { place: 'runs', runId: id, beside } : { place: 'runs', runId: id };
    }
    case 'compare': {
      if (id) return defaultRoute;
      const params = new URLSearchParams(query);
      const list = (name: string): string[] => (params.get(name) ?? '').split(',').filter(Boolean);
      const vs = list('vs');
      return vs.length ? { place: 'compare', runIds: list('runs'), vs } : { place: 'compare', runIds: list('runs') };
    }
    default:
      return defaultRoute;
  }
}

/** A route as the hash that parses back to it (`#/data/<id>`, `#/runs/<id>?beside=<id>`, `#/compare?runs=a,b,c&vs=c`). */
export function formatRoute(route: Route): string {
  switch (route.place) {
    case 'data':
      return route.datasetId ? `#/data/${encodeURIComponent(route.datasetId)}` : '#/data';
    case 'runs':
      if (!route.runId) return '#/runs';
      return `#/runs/${encodeURIComponent(route.runId)}${route.beside ? `?beside=${encodeURIComponent(route.beside)}` : ''}`;
    case 'learn':
      return route.explorerId ? `#/learn/${encodeURIComponent(route.explorerId)}` : '#/learn';
    case 'compare':
      return `#/compare?runs=${route.runIds.map(encodeURIComponent).join(',')}${route.vs?.length ? `&vs=${route.vs.map(encodeURIComponent).join(',')}` : ''}`;
    default:
      return `#/${route.place}`;
  }
}

function decodePart(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** The place Ctrl/Cmd+1..4 goes to, or null for any other key. */
export function placeForShortcut(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }): Place | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return null;
  const index = Number(event.key) - 1;
  return Number.isInteger(index) ? (places[index]?.place ?? null) : null;
}

import { describe, expect, it } from 'vitest';
import { defaultRoute, formatRoute, parseRoute, placeForShortcut, placeOf, type Route } from '../../../src-renderer/shell/route';
import { lastRouteKey, RouterStore, type RouterHost } from '../../../src-renderer/shell/router.svelte';

describe('parseRoute / formatRoute', () => {
  const routes: [string, Route][] = [
    ['#/data', { place: 'data' }],
    ['#/data/moons-2', { place: 'data', datasetId: 'moons-2' }],
    ['#/build', { place: 'build' }],
    ['#/runs', { place: 'runs' }],
    ['#/runs/run-7', { place: 'runs', runId: 'run-7' }],
    ['#/runs/run-7?beside=run-8', { place: 'runs', runId: 'run-7', beside: 'run-8' }],
    ['#/compare?runs=a,b', { place: 'compare', runIds: ['a', 'b'] }],
    ['#/compare?runs=a,b,c&vs=c', { place: 'compare', runIds: ['a', 'b', 'c'], vs: ['c'] }],
    ['#/learn', { place: 'learn' }],
    ['#/learn/activations', { place: 'learn', explorerId: 'activations' }],
    ['#/learn/xor', { place: 'learn', explorerId: 'xor' }],
  ];
  it.each(routes)('%s parses and formats back', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
    expect(formatRoute(route)).toBe(hash);
  });

  it('escapes ids that are not URL-safe, and reads them back', () => {
    const route: Route = { place: 'runs', runId: 'a/b c' };
    expect(formatRoute(route)).toBe('#/runs/a%2Fb%20c');
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it.each(['', '#', '#/', '#/nowhere', '#/build/extra', '#/runs/a/b', '#/learn/xor/extra', '#/data/%E0%A4%A', 'garbage'])(
    '%j is the default route, without throwing',
    (hash) => expect(parseRoute(hash)).toEqual(defaultRoute),
  );

  it('reads a hash without its # and a compare with no runs', () => {
    expect(parseRoute('/runs/x')).toEqual({ place: 'runs', runId: 'x' });
    expect(parseRoute('#/compare')).toEqual({ place: 'compare', runIds: [] });
    expect(placeOf({ place: 'compare', runIds: [] })).toBe('runs');
    expect(placeOf({ place: 'learn', explorerId: 'xor' })).toBe('learn');
  });
});

describe('placeForShortcut', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }>) => ({
    key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods,
  });
  it('maps Ctrl/Cmd+1..4 to the places in the bar and nothing else', () => {
    expect(placeForShortcut(key('1', { ctrlKey: true }))).toBe('data');
    expect(placeForShortcut(key('2', { metaKey: true }))).toBe('build');
    expect(placeForShortcut(key('3', { ctrlKey: true }))).toBe('runs');
    expect(placeForShortcut(key('4', { ctrlKey: true }))).toBe('learn');
    expect(placeForShortcut(key('5', { ctrlKey: true }))).toBeNull();
    expect(placeForShortcut(key('1', {}))).toBeNull();
    expect(placeForShortcut(key('1', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(placeForShortcut(key('a', { ctrlKey: true }))).toBeNull();
  });
});

function fakeHost(hash: string, stored: string | null = null): RouterHost & { current: string; store: Map<string, string> } {
  const store = new Map<string, string>(stored ? [[lastRouteKey, stored]] : []);
  const host = {
    current: hash,
    store,
    hash: () => host.current,
    setHash: (next: string) => void (host.current = next),
    onHashChange: () => () => {},
    storage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) },
  };
  return host;
}

describe('RouterStore', () => {
  it('opens on the stored hash when the URL has none, and on the URL hash when it has one', () => {
    const fresh = fakeHost('', '#/runs/run-3');
    expect(new RouterStore(fresh).route).toEqual({ place: 'runs', runId: 'run-3' });
    expect(fresh.current).toBe('#/runs/run-3');
    expect(new RouterStore(fakeHost('#/data', '#/runs/run-3')).route).toEqual({ place: 'data' });
  });

  it('ignores a stored value that is not a hash, and stores every route it goes to', () => {
    const host = fakeHost('', 'javascript:alert(1)');
    const router = new RouterStore(host);
    expect(router.route).toEqual(defaultRoute);
    router.go({ place: 'data', datasetId: 'iris' });
    expect(host.current).toBe('#/data/iris');
    expect(host.store.get(lastRouteKey)).toBe('#/data/iris');
  });

  it('follows a change of the hash once, though the window tells it twice (hashchange and popstate)', () => {
    const listeners: (() => void)[] = [];
    const host = fakeHost('#/runs');
    host.onHashChange = (listener) => (listeners.push(listener), () => {});
    const router = new RouterStore(host);
    host.current = '#/compare?runs=a,b';
    listeners.forEach((listener) => listener());
    const route = router.route;
    expect(route).toEqual({ place: 'compare', runIds: ['a', 'b'] });
    listeners.forEach((listener) => listener()); // the second event of the same change
    expect(router.route).toBe(route); // the same object: nothing keyed on it loads again
  });
});

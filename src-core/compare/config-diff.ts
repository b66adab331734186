import { canonicalJson } from './canonical-json';
import type { RunWithConfig } from './run-input';

/** One setting that is not the same in every config: `values[i]` is config i's value, undefined where it has none. */
export interface ConfigDifference {
  /** Where the setting is, e.g. `train.optimizer.lr` or `spec.layers[2].units`. */
  path: string;
  values: unknown[];
}

type PlainObject = Record<string, unknown>;

/**
 * Lists only the settings that differ between configs, depth first in the order keys first appear.
 * Objects are compared key by key and arrays element by element (so `spec.layers[2].units` is its own row; a network
 * with an extra layer shows that layer's fields against undefined). Where the configs disagree on the kind of value
 * at a path (an object in one, a number in another), the whole values are listed at that path.
 * Numbers are equal when `===` (NaN equals NaN).
 */
export function diffConfigs(configs: readonly unknown[]): ConfigDifference[] {
  const differences: ConfigDifference[] = [];
  if (configs.length > 1) walk('', [...configs], differences);
  return differences;
}

/** A run's config as a diffable object: what it was trained on, its seed, its model and its training settings. */
export function runConfigForDiff(run: RunWithConfig): PlainObject {
  const config: PlainObject = {};
  if (run.datasetName !== undefined) config.datasetName = run.datasetName;
  if (run.task !== undefined) config.task = run.task;
  config.seed = run.seed;
  config.spec = run.spec;
  config.train = run.train;
  return config;
}

/** How a diff cell reads: an em dash for a missing setting, JSON for everything else. */
export function formatConfigValue(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value === 'string' ? value : canonicalJson(value);
}

function walk(path: string, values: unknown[], out: ConfigDifference[]): void {
  const present = values.filter((v) => v !== undefined);
  if (present.length > 0 && present.every(isPlainObject)) {
    for (const key of unionKeys(present as PlainObject[])) {
      walk(joinKey(path, key), values.map((v) => (v === undefined ? undefined : (v as PlainObject)[key])), out);
    }
    return;
  }
  if (present.length > 0 && present.every(Array.isArray)) {
    const length = Math.max(...present.map((v) => (v as unknown[]).length));
    for (let i = 0; i < length; i++) {
      walk(`${path}[${i}]`, values.map((v) => (v === undefined ? undefined : (v as unknown[])[i])), out);
    }
    return;
  }
  if (!allEqual(values)) out.push({ path, values });
}

function isPlainObject(value: unknown): value is PlainObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function unionKeys(objects: PlainObject[]): string[] {
  const keys = new Set<string>();
  for (const o of objects) for (const k of Object.keys(o)) keys.add(k);
  return [...keys];
}

function joinKey(path: string, key: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

function allEqual(values: unknown[]): boolean {
  const first = values[0];
  return values.every((v) => sameLeaf(v, first));
}

function sameLeaf(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  // Mixed kinds (an array against an object, say): equal only if they serialise the same.
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) return canonicalJson(a) === canonicalJson(b);
  return false;
}

import { Random } from '../data/random';
import type { SweepParameter, SweepSpec } from './sweep-spec';
import { maxSweepRuns } from './sweep-spec';

type Scalar = number | string | boolean;

/** One run of a sweep: the base config with `values` set at their paths and `train.seed` set to `seed`. */
export interface SweepRun<T> {
  /** 0-based index of the point (runs of one point share it). */
  point: number;
  values: Record<string, Scalar>;
  seed: number;
  config: T;
  /** `lr=0.01 units=16 seed=1`: for the run's name. */
  label: string;
}

/** A problem with a sweep, naming the parameter (its dot path) where there is one. */
export class SweepError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'SweepError';
  }
}

/** The values a range gives a grid: `steps` evenly spaced (geometrically with scale "log"), ends included. */
function gridValues(path: string, parameter: SweepParameter): Scalar[] {
  if (Array.isArray(parameter)) return parameter;
  if (parameter.steps === undefined) {
    throw new SweepError(`parameters.${path}: a range in a grid needs "steps" (how many values)`, `parameters.${path}`);
  }
  const values: number[] = [];
  for (let i = 0; i < parameter.steps; i++) {
    const t = i / (parameter.steps - 1);
    // The ends exactly as written (exp(log(x)) drifts in the last bit).
    const v =
      i === 0
        ? parameter.min
        : i === parameter.steps - 1
          ? parameter.max
          : parameter.scale === 'log'
        ? Math.exp(Math.log(parameter.min) + t * (Math.log(parameter.max) - Math.log(parameter.min)))
        : parameter.min + t * (parameter.max - parameter.min);
    values.push(parameter.integer ? Math.round(v) : v);
  }
  return [...new Set(values)];
}

function sampleValue(parameter: SweepParameter, random: Random): Scalar {
  if (Array.isArray(parameter)) return parameter[random.int(parameter.length)]!;
  const u = random.next();
  const v =
    parameter.scale === 'log'
      ? Math.exp(Math.log(parameter.min) + u * (Math.log(parameter.max) - Math.log(parameter.min)))
      : parameter.min + u * (parameter.max - parameter.min);
  return parameter.integer ? Math.round(v) : v;
}

/** Every combination of the parameters' values, the first parameter varying slowest. */
function gridPoints(spec: SweepSpec): Record<string, Scalar>[] {
  let points: Record<string, Scalar>[] = [{}];
  for (const [path, parameter] of Object.entries(spec.parameters)) {
    const values = gridValues(path, parameter);
    points = points.flatMap((point) => values.map((value) => ({ ...point, [path]: value })));
  }
  return points;
}

function randomPoints(spec: SweepSpec): Record<string, Scalar>[] {
  if (spec.samples === undefined) throw new SweepError('a random search needs "samples" (how many points to draw)', 'samples');
  const random = new Random(spec.seed ?? 0);
  const points: Record<string, Scalar>[] = [];
  for (let i = 0; i < spec.samples; i++) {
    const point: Record<string, Scalar> = {};
    for (const [path, parameter] of Object.entries(spec.parameters)) point[path] = sampleValue(parameter, random);
    points.push(point);
  }
  return points;
}

/** Sets `value` at the dot `path` of a deep copy of `base`; the path's parent must exist in the base. */
export function setAtPath<T>(base: T, path: string, value: Scalar): T {
  const copy = JSON.parse(JSON.stringify(base)) as unknown; // configs are plain JSON
  const parts = path.split('.');
  let node = copy as Record<string, unknown> | unknown[];
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i]!;
    const next = Array.isArray(node) ? node[Number(key)] : node[key];
    if (typeof next !== 'object' || next === null) {
      throw new SweepError(`parameters.${path}: the base config has nothing at ${parts.slice(0, i + 1).join('.')}`, `parameters.${path}`);
    }
    node = next as Record<string, unknown> | unknown[];
  }
  const last = parts[parts.length - 1]!;
  if (Array.isArray(node)) {
    const index = Number(last);
    if (!Number.isInteger(index) || index < 0 || index >= node.length) {
      throw new SweepError(`parameters.${path}: ${parts.slice(0, -1).join('.')} has no item ${last}`, `parameters.${path}`);
    }
    node[index] = value;
  } else {
    node[last] = value;
  }
  return copy as T;
}

function shortName(path: string): string {
  return path.split('.').pop()!;
}

/**
 * Expands a sweep over `base` (an object with a `train` object, such as a run config) into its runs: each point
 * (grid combination or random draw) once per seed, seeds innermost, so a point's repeats sit together.
 */
export function expandSweep<T extends { train: object }>(spec: SweepSpec, base: T): SweepRun<T>[] {
  const points = spec.strategy === 'grid' ? gridPoints(spec) : randomPoints(spec);
  const seeds = spec.seeds ?? [0];
  const total = points.length * seeds.length;
  if (total > maxSweepRuns) {
    throw new SweepError(`the sweep expands to ${total} runs (${points.length} points × ${seeds.length} seeds); the most is ${maxSweepRuns}`);
  }
  const runs: SweepRun<T>[] = [];
  points.forEach((values, point) => {
    let config = base;
    for (const [path, value] of Object.entries(values)) config = setAtPath(config, path, value);
    for (const seed of seeds) {
      const seeded = setAtPath(config, 'train.seed', seed);
      const shown = Object.entries(values).map(([path, value]) => `${shortName(path)}=${typeof value === 'number' ? Number(value.toPrecision(4)) : value}`);
      runs.push({ point, values, seed, config: seeded, label: [...shown, `seed=${seed}`].join(' ') });
    }
  });
  return runs;
}

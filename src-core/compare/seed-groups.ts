import type { ModelSpec } from '../contract/model-spec';
import type { TaskKind, TrainConfig } from '../contract/run-config';
import { alignByEpoch } from './align-by-epoch';
import { canonicalJson } from './canonical-json';
import type { CurveName } from './metric';
import type { RunWithConfig } from './run-input';
import { mean, sampleStd } from './stats/descriptive';

/** Everything that makes two runs the same experiment: a run's config without its seed, name, id or timestamps. */
export interface ComparableConfig {
  datasetName?: string;
  task?: TaskKind;
  spec: ModelSpec;
  train: Omit<TrainConfig, 'seed'>;
}

/** Runs that differ only by seed: repeats of one experiment. */
export interface SeedGroup<R extends RunWithConfig = RunWithConfig> {
  /** `configKey` of every run in the group. */
  key: string;
  config: ComparableConfig;
  runs: R[];
  /** The effective seed of each run (`RunDetail.seed`), in the order of `runs`. */
  seeds: number[];
}

/** Mean, spread and range of a metric across a group's runs at one epoch. */
export interface BandPoint {
  epoch: number;
  /** How many runs have a finite value at this epoch (fewer at the end when runs stopped early). */
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator); 0 when n = 1. */
  std: number;
  min: number;
  max: number;
}

export interface SeedBands {
  metric: CurveName;
  /** Epochs where at least one run of the group has a value, ascending. */
  points: BandPoint[];
}

/** The parts of a run's config that define the experiment; the seed (in `train.seed` and `run.seed`) is dropped. */
export function comparableConfig(run: RunWithConfig): ComparableConfig {
  const { seed: _seed, ...train } = run.train;
  const config: ComparableConfig = { spec: run.spec, train };
  if (run.datasetName !== undefined) config.datasetName = run.datasetName;
  if (run.task !== undefined) config.task = run.task;
  return config;
}

/** A string equal for two runs exactly when their comparable configs are equal (stable JSON, sorted keys). */
export function configKey(run: RunWithConfig): string {
  return canonicalJson(comparableConfig(run));
}

/** Groups runs whose configs are identical except for the seed; groups and runs keep the order they came in. */
export function groupBySeed<R extends RunWithConfig>(runs: readonly R[]): SeedGroup<R>[] {
  const groups = new Map<string, SeedGroup<R>>();
  for (const run of runs) {
    const key = configKey(run);
    let group = groups.get(key);
    if (!group) {
      group = { key, config: comparableConfig(run), runs: [], seeds: [] };
      groups.set(key, group);
    }
    group.runs.push(run);
    group.seeds.push(run.seed);
  }
  return [...groups.values()];
}

/**
 * Per-epoch mean, sample standard deviation and min–max of a metric over a group's runs, for mean ± std and
 * min–max bands. Missing and non-finite values are left out of that epoch, and `n` says how many remain.
 */
export function bandsForGroup(group: Pick<SeedGroup, 'runs'>, metric: CurveName): SeedBands {
  const aligned = alignByEpoch(group.runs, metric);
  const points: BandPoint[] = [];
  aligned.epochs.forEach((epoch, i) => {
    const values: number[] = [];
    for (const s of aligned.series) {
      const v = s.values[i];
      if (v !== null && v !== undefined) values.push(v);
    }
    if (values.length === 0) return;
    points.push({
      epoch,
      n: values.length,
      mean: mean(values),
      std: sampleStd(values),
      min: Math.min(...values),
      max: Math.max(...values),
    });
  });
  return { metric, points };
}

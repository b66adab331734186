import type { FullRun } from '../contract/training';

/** What curve comparisons read from a run: a `FullRun` has it all; tests and other callers may pass less. */
export type RunMetrics = Pick<FullRun, 'id' | 'name' | 'metrics'>;

/** What seed grouping and config diffs read from a run, besides its metrics. */
export type RunWithConfig = RunMetrics &
  Pick<FullRun, 'spec' | 'train' | 'seed'> &
  Partial<Pick<FullRun, 'datasetName' | 'task'>>;

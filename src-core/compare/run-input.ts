import type { RunDetail } from '../contract/training';

/** What curve comparisons read from a run: a `RunDetail` has it all; tests and other callers may pass less. */
export type RunMetrics = Pick<RunDetail, 'id' | 'name' | 'metrics'>;

/** What seed grouping and config diffs read from a run, besides its metrics. */
export type RunWithConfig = RunMetrics &
  Pick<RunDetail, 'spec' | 'train' | 'seed'> &
  Partial<Pick<RunDetail, 'datasetName' | 'task'>>;

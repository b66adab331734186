import type { RunSummary } from '../../../../src-core/contract/training';

/** A finished Two moons run as the run list shows it; `extra` overrides any field. */
export const summary = (id: string, createdAt: string, extra: Partial<RunSummary> = {}): RunSummary => ({
  id,
  name: `Run ${id}`,
  status: 'completed',
  datasetName: 'Two moons',
  task: 'classification',
  epochs: 10,
  epochsDone: 10,
  createdAt,
  ...extra,
});

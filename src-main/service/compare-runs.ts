import type { RequestArgs } from '../../src-core/contract/api';
import { ApiError } from '../../src-core/contract/api-error';
import type { RunComparison } from '../../src-core/contract/runs-api';
import type { FullRun } from '../../src-core/contract/training';
import {
  alignByEpoch,
  bandsForGroup,
  compareSeedGroups,
  diffConfigs,
  groupBySeed,
  metricNames,
  metricValue,
  runConfigForDiff,
  summarizeRuns,
  type MetricName,
} from '../../src-core/compare/index';
import type { LabStore } from '../store/lab-store';

/** `runs.compare`: reads the runs and hands them to src-core/compare (all the arithmetic lives there). */
export function compareRuns(store: LabStore, args: RequestArgs<'runs.compare'>): RunComparison {
  const ids = [...new Set(args.ids)];
  const runs: FullRun[] = ids.map((id) => store.getRun(id));
  const recorded = metricNames.filter((metric) => runs.some((run) => run.metrics.some((m) => metricValue(m, metric) !== null)));
  const everyRunHas = (metric: MetricName): boolean => runs.every((run) => run.metrics.some((m) => metricValue(m, metric) !== null));
  const metric: MetricName = args.metric ?? (everyRunHas('valLoss') ? 'valLoss' : 'loss');
  const comparison: RunComparison = {
    runs: runs.map((run) => ({ id: run.id, name: run.name, seed: run.seed, status: run.status, datasetName: run.datasetName })),
    metric,
    curves: recorded.map((m) => alignByEpoch(runs, m)),
    groups: groupBySeed(runs).map((group) => ({
      key: group.key,
      runIds: group.runs.map((run) => run.id),
      seeds: group.seeds,
      bands: recorded.map((m) => bandsForGroup(group, m)),
    })),
    configDiff: diffConfigs(runs.map(runConfigForDiff)),
    summaries: summarizeRuns(runs, metric),
  };
  if (args.significance) {
    const pick = (side: 'a' | 'b'): FullRun[] =>
      args.significance![side].map((id) => {
        const run = runs.find((r) => r.id === id);
        if (!run) throw new ApiError({ code: 'invalid_args', field: `significance.${side}`, message: `Run ${id} is not among the runs compared (ids).` });
        return run;
      });
    comparison.significance = compareSeedGroups({ runs: pick('a') }, { runs: pick('b') }, metric, { at: args.significance.at ?? 'final' });
  }
  return comparison;
}

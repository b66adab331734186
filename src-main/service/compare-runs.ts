import type { RequestArgs } from '../../src-core/contract/api';
import { ApiError } from '../../src-core/contract/api-error';
import type { RunComparison } from '../../src-core/contract/runs-api';
import type { FullRun } from '../../src-core/contract/training';
import {
  alignByEpoch,
  alignedAtEpochs,
  bandsAtEpochs,
  bandsForGroup,
  comparableConfig,
  compareSeedGroups,
  comparisonTable,
  confirmWinnerReport,
  curveNames,
  diffConfigs,
  fromForkEpoch,
  groupBySeed,
  groupLabels,
  metricValue,
  packBands,
  packCurve,
  runConfigForDiff,
  summarizeRuns,
  thinAligned,
  thinBands,
  verifyRepeats,
  whatChanged,
  withElapsed,
  withForkStarts,
  type AlignedMetric,
  type ConfirmPoint,
  type MetricName,
  type SeedBands,
  type ValueAt,
} from '../../src-core/compare/index';
import type { LabStore } from '../store/lab-store';

/**
 * A run's config and every epoch, without its diagnostics snapshots (per-layer histograms every few epochs, which
 * `store.getRun` also reads and no comparison uses).
 */
export function runForComparison(store: LabStore, id: string): FullRun & { datasetId: string } {
  return { ...store.getRunDetail(id), metrics: store.pageMetrics(id, 1, Number.MAX_SAFE_INTEGER).metrics };
}

/** `runs.compare`: reads the runs and hands them to src-core/compare (all the arithmetic lives there). */
export function compareRuns(store: LabStore, args: RequestArgs<'runs.compare'>): RunComparison {
  const ids = [...new Set(args.ids)];
  // Every epoch carries `elapsed` too (seconds of training so far): the x axis of curves by wall time.
  const runs: FullRun[] = ids.map((id) => withElapsed(runForComparison(store, id)));
  const recorded = curveNames.filter((curve) => runs.some((run) => run.metrics.some((m) => metricValue(m, curve) !== null)));
  const everyRunHas = (metric: MetricName): boolean => runs.every((run) => run.metrics.some((m) => metricValue(m, metric) !== null));
  const metric: MetricName = args.metric ?? (everyRunHas('valLoss') ? 'valLoss' : 'loss');
  const groups = groupBySeed(runs);
  // Curves and bands draw a fork from its parent's fork epoch on; the figures are of each run's own epochs.
  const drawn = withForkStarts(runs);
  const drawnGroups = groupBySeed(drawn);
  // Figures and the verdict count a fork's parent from the fork epoch on: the shared history is not evidence.
  const evidence = fromForkEpoch(runs);
  const counted = (run: FullRun): FullRun => evidence.runs[runs.indexOf(run)] ?? run;
  const sweeps = store.listSweeps();
  const groupName = (group: readonly FullRun[]): string => nameOfGroup(group, sweeps);
  const labels = groupLabels(groups.map((g) => g.config), groups.map((g) => groupName(g.runs)));
  const comparison: RunComparison = {
    runs: runs.map((run) => ({ id: run.id, name: run.name, seed: run.seed, status: run.status, datasetName: run.datasetName })),
    metric,
    curves: drawnCurves(recorded.map((m) => alignByEpoch(drawn, m))).map(packCurve),
    groups: groups.map((group, i) => ({
      key: group.key,
      runIds: group.runs.map((run) => run.id),
      seeds: group.seeds,
      // A group of one run is drawn as its curve: its bands would be that curve again.
      bands: group.runs.length > 1 ? drawnBands(recorded.map((m) => bandsForGroup(drawnGroups[i]!, m))).map(packBands) : [],
      label: labels[i]!,
    })),
    configDiff: diffConfigs(runs.map(runConfigForDiff)),
    summaries: summarizeRuns(evidence.runs, metric),
    table: comparisonTable(evidence.runs, metric, args.target),
  };
  const verifications = verifyRepeats(runs.filter((run) => run.status === 'completed'));
  if (verifications.length) comparison.verifications = verifications;
  const confirm = confirmPlanOf(store, runs);
  if (confirm) comparison.confirm = confirmWinnerReport(confirm.points, runs, confirm.metric, confirm.at);
  let pair: { a: FullRun[]; b: FullRun[]; names: string[] } | undefined;
  if (args.significance) {
    const pick = (side: 'a' | 'b'): FullRun[] =>
      args.significance![side].map((id) => {
        const run = runs.find((r) => r.id === id);
        if (!run) throw new ApiError({ code: 'invalid_args', field: `significance.${side}`, message: `Run ${id} is not among the runs compared (ids).` });
        return run;
      });
    const a = pick('a').map(counted);
    const b = pick('b').map(counted);
    comparison.significance = compareSeedGroups({ runs: a }, { runs: b }, metric, { at: args.significance.at ?? 'final' });
    pair = { a, b, names: groupLabels([comparableConfig(a[0]!), comparableConfig(b[0]!)], [groupName(a), groupName(b)]) };
  } else if (groups.length === 2) {
    pair = { a: groups[0]!.runs.map(counted), b: groups[1]!.runs.map(counted), names: labels };
  }
  if (pair) {
    comparison.whatChanged = whatChanged(pair.a, pair.b, metric, {
      at: args.significance?.at ?? 'final',
      nameA: pair.names[0],
      nameB: pair.names[1],
      ...(evidence.forkEpoch !== null && [...pair.a, ...pair.b].some((run) => !runs.includes(run)) ? { fromEpoch: evidence.forkEpoch } : {}),
      ...(args.significance?.margin !== undefined ? { margin: args.significance.margin } : {}),
    });
    comparison.verdict = comparison.whatChanged.verdict;
  }
  return comparison;
}

/**
 * Curves as drawn: each thinned to about 2,000 points (a long run's 100,000 epochs would otherwise cross IPC and
 * reach ECharts whole at every refresh), and wall time at every epoch one of them kept. The table, summaries and
 * verdict are computed from every epoch, not these.
 */
function drawnCurves(curves: readonly AlignedMetric[]): AlignedMetric[] {
  const thinned = curves.map((c) => (c.metric === 'elapsed' ? c : thinAligned(c)));
  const epochs = new Set(thinned.flatMap((c) => (c.metric === 'elapsed' ? [] : c.epochs)));
  return thinned.map((c) => (c.metric === 'elapsed' ? alignedAtEpochs(c, epochs) : c));
}

/** A seed group's bands as drawn: thinned as `drawnCurves`. */
function drawnBands(bands: readonly SeedBands[]): SeedBands[] {
  const thinned = bands.map((b) => (b.metric === 'elapsed' ? b : thinBands(b)));
  const epochs = new Set(thinned.flatMap((b) => (b.metric === 'elapsed' ? [] : b.points.map((p) => p.epoch))));
  return thinned.map((b) => (b.metric === 'elapsed' ? bandsAtEpochs(b, epochs) : b));
}

/**
 * A group named by its runs when settings do not tell it apart: a whole seed plan or sweep by its name ("lr=0.1 × 3
 * seeds"), else the run's name, or the first's with the count.
 */
function nameOfGroup(runs: readonly FullRun[], sweeps: readonly { id: string; name: string; runs: readonly { id: string }[] }[]): string {
  const sweep = runs.length > 1 ? sweeps.find((s) => s.id === runs[0]!.sweepId) : undefined;
  if (sweep && sweep.runs.length === runs.length && runs.every((run) => run.sweepId === sweep.id)) return sweep.name;
  return runs.length === 1 ? runs[0]!.name : `${runs[0]!.name} (+${runs.length - 1})`;
}

/** The stored "Confirm the winner" plan (sweeps.start-plan) when every run compared is one of its re-runs. */
function confirmPlanOf(store: LabStore, runs: readonly FullRun[]): { metric: MetricName; at: ValueAt; points: Pick<ConfirmPoint, 'key' | 'label' | 'sweepScore'>[] } | undefined {
  const sweepId = runs[0]?.sweepId;
  if (!sweepId || runs.some((run) => run.sweepId !== sweepId)) return undefined;
  const config = store.listSweeps().find((s) => s.id === sweepId)?.config as { plan?: unknown; metric?: MetricName; at?: ValueAt; points?: Pick<ConfirmPoint, 'key' | 'label' | 'sweepScore'>[] } | undefined;
  if (config?.plan !== 'confirm' || !config.metric || !config.points) return undefined;
  return { metric: config.metric, at: config.at ?? 'final', points: config.points };
}

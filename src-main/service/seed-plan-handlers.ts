import { randomUUID } from 'node:crypto';
import type { RequestArgs, RequestHandlers } from '../../src-core/contract/api';
import { ApiError } from '../../src-core/contract/api-error';
import type { StartedPlan } from '../../src-core/contract/sweeps-api';
import { confirmWinnerPlan, pairedAB, repeatWithSeeds, withSeed } from '../../src-core/compare/index';
import { SweepError, setAtPath } from '../../src-core/sweep/index';
import type { LabStore } from '../store/lab-store';
import { checkLaunchConfig } from './check-launch';
import { runForComparison } from './compare-runs';
import type { RunDatasets } from './run-datasets';
import type { RunRunner } from './run-runner';
import { sweepSummary } from './sweep-handlers';

type StoredRun = ReturnType<LabStore['getRunDetail']>;

/** One run a plan queues: a stored run's config with another seed (and its name saying so). */
interface PlannedRun {
  source: StoredRun;
  name: string;
  spec: StoredRun['spec'];
  train: StoredRun['train'];
}

/** The stored run as a seeded config: `train.seed` is the seed it actually ran with. */
function seeded(run: StoredRun): PlannedRun {
  return { source: run, name: run.name, spec: run.spec, train: { ...run.train, seed: run.seed } };
}

/**
 * Seed plans and forks from the window: the plans are src-core/compare's (repeat, paired A/B, confirm the winner);
 * each plan's runs are checked against their data before any is stored, then queued as one group (a sweep row, so
 * the run list shows them together). A fork is one child run.
 */
export function createSeedPlanHandlers(store: LabStore, runner: RunRunner, datasets: RunDatasets): Pick<RequestHandlers, 'sweeps.start-plan' | 'runs.fork'> {
  /** Checks every planned run, then stores the group and queues them; answers the new runs' ids in plan order. */
  function queue(name: string, config: unknown, planned: PlannedRun[]): { sweepId: string; ids: string[] } {
    const datasetIds = new Map<StoredRun, string>();
    for (const run of planned) {
      if (!datasetIds.has(run.source)) datasetIds.set(run.source, datasets.datasetIdOfRun(run.source));
      checkLaunchConfig({ spec: run.spec, train: run.train }, run.name, 'id', datasets.resolve(datasetIds.get(run.source)!, run.source.data));
    }
    const sweepId = randomUUID();
    store.createSweep({ id: sweepId, name, config, createdAt: new Date().toISOString() });
    const ids = planned.map(
      (run) => runner.start({ datasetId: datasetIds.get(run.source)!, name: run.name, spec: run.spec, train: run.train, ...(run.source.data ? { data: run.source.data } : {}), seed: run.train.seed!, sweepId }).id,
    );
    return { sweepId, ids };
  }

  function startPlan(args: RequestArgs<'sweeps.start-plan'>): StartedPlan {
    const summaryOf = (sweepId: string) => sweepSummary(store.listSweeps().find((s) => s.id === sweepId)!);
    switch (args.plan) {
      case 'repeat': {
        const run = store.getRunDetail(args.id);
        const copies = repeatWithSeeds(seeded(run), args.seeds);
        const { sweepId, ids } = queue(`${run.name} × ${args.seeds} seeds`, { plan: args }, copies);
        return { sweep: summaryOf(sweepId), compareIds: [run.id, ...ids] };
      }
      case 'paired': {
        if (args.id === args.baselineId) throw new ApiError({ code: 'bad_input', field: 'baselineId', message: 'The baseline must be another run than the one compared with it.' });
        const a = store.getRunDetail(args.id);
        const b = store.getRunDetail(args.baselineId);
        const plan = pairedAB(seeded(a), seeded(b), args.seeds, [a.seed, b.seed]);
        const { sweepId, ids } = queue(`${a.name} vs ${b.name}: ${args.seeds} paired seeds`, { plan: args, seeds: plan.seeds }, [...plan.a, ...plan.b]);
        return { sweep: summaryOf(sweepId), compareIds: ids };
      }
      case 'confirm': {
        const runs = [...new Set(args.ids)].map((id) => runForComparison(store, id));
        const at = args.at ?? 'final';
        const points = confirmWinnerPlan(runs, args.metric, { k: args.points ?? 3, seeds: args.seeds, at });
        if (points.length === 0) throw new ApiError({ code: 'bad_input', field: 'metric', message: `None of the runs has recorded ${args.metric}: there is no winner to confirm.` });
        const planned = points.flatMap((p) => p.seeds.map((seed) => withSeed(seeded(p.template), seed)));
        const shown = points.map((p) => ({ key: p.key, label: p.label, sweepScore: p.sweepScore }));
        const { sweepId, ids } = queue(`Confirm the winner: best ${points.length} on ${args.seeds} fresh seeds`, { plan: 'confirm', metric: args.metric, at, points: shown }, planned);
        return { sweep: summaryOf(sweepId), compareIds: ids, points: shown };
      }
    }
  }

  return {
    'sweeps.start-plan': startPlan,
    'runs.fork': ({ id, changes }) => {
      const run = store.getRunDetail(id);
      let config = { spec: run.spec, train: { ...run.train, seed: run.seed } };
      try {
        for (const [path, value] of Object.entries(changes)) config = setAtPath(config, path, value);
      } catch (error) {
        // setAtPath speaks of a sweep's `parameters.<path>`; here the same paths are the fork's changes.
        if (error instanceof SweepError) throw new ApiError({ code: 'bad_input', field: (error.field ?? 'changes').replace(/^parameters\./, 'changes.'), message: error.message.replace(/^parameters\./, 'changes.') });
        throw error;
      }
      const label = Object.entries(changes)
        .map(([path, value]) => `${path.split('.').pop()!}=${String(value)}`)
        .join(' ');
      const datasetId = datasets.datasetIdOfRun(run);
      checkLaunchConfig(config, `Fork ${label}`, 'changes', datasets.resolve(datasetId, run.data));
      return runner.start({ datasetId, name: `${run.name} · fork ${label}`, spec: config.spec, train: config.train, ...(run.data ? { data: run.data } : {}), seed: run.seed, parentRunId: run.id });
    },
  };
}

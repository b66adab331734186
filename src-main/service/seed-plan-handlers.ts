import { randomUUID } from 'node:crypto';
import type { RequestArgs, RequestHandlers } from '../../src-core/contract/api';
import { ApiError } from '../../src-core/contract/api-error';
import type { StartedPlan } from '../../src-core/contract/sweeps-api';
import { confirmWinnerPlan, pairedAB, repeatWithSeeds, withSeed } from '../../src-core/compare/index';
import type { TrainConfig } from '../../src-core/contract/run-config';
import { forkScheduleState, type ScheduleSettings } from '../../src-core/nn/schedules';
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
    'runs.fork': async ({ id, changes, fromEpoch }) => {
      const run = store.getRunDetail(id);
      const done = store.findRun(id)?.epochsDone ?? 0;
      const at = fromEpoch ?? done;
      if (at < 1 || at > done) {
        throw new ApiError({ code: 'bad_input', field: 'fromEpoch', message: `fromEpoch: run "${run.name}" has ${done} epoch${done === 1 ? '' : 's'} done; fork from epoch 1 to ${done}.` });
      }
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
      // The child trains to the run's total epochs; forked from its last, as many epochs again (or as changed).
      if (!('train.epochs' in changes) && config.train.epochs <= at) config = { ...config, train: { ...config.train, epochs: at + run.train.epochs } };
      if (config.train.epochs <= at) {
        throw new ApiError({ code: 'bad_input', field: 'changes.train.epochs', message: `changes.train.epochs: ${config.train.epochs} leaves nothing to train after the fork epoch ${at}; give more than ${at}.` });
      }
      if (config.train.optimizer.type !== run.train.optimizer.type) {
        throw new ApiError({ code: 'bad_input', field: 'changes.train.optimizer.type', message: `changes.train.optimizer.type: a fork carries on with the parent's ${run.train.optimizer.type} state, so it keeps that optimizer; start a new run to try ${config.train.optimizer.type}.` });
      }
      const datasetId = datasets.datasetIdOfRun(run);
      checkLaunchConfig(config, `Fork ${label}`, 'changes', datasets.resolve(datasetId, run.data));
      // The state at the fork epoch: the stored one at the run's end (same split), else re-trained (bit-identical).
      const stored = at === done && datasetId === run.datasetId && !runner.isActive(id) ? store.getResume(id) : undefined;
      const weights = stored && store.getWeights(id, 'final');
      const from = stored && weights && stored.optimizer.epochs === at
        ? { state: weights.state, resume: stored }
        : await runner.replay({ datasetId, spec: run.spec, train: run.train, ...(run.data ? { data: run.data } : {}), seed: run.seed }, at);
      return runner.start({
        datasetId,
        name: `${run.name} · fork @${at} ${label}`,
        spec: config.spec,
        train: config.train,
        seed: run.seed,
        parentRunId: run.id,
        initialState: from.state,
        resume: { ...from.resume, optimizer: { ...from.resume.optimizer, schedule: forkScheduleState(from.resume.optimizer.schedule, scheduleOf(run.train), scheduleOf(config.train), at) } },
      });
    },
  };
}

/** A config's schedule settings (the optimizers' default rate is 0.01, as src-core/nn/optimizers has it). */
function scheduleOf(train: TrainConfig): ScheduleSettings {
  return { schedule: train.schedule, baseLr: train.optimizer.lr ?? 0.01, totalEpochs: train.epochs };
}

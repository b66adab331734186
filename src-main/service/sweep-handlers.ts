import { sweepApiError } from '../app/core-errors';
import { randomUUID } from 'node:crypto';
import type { RequestHandlers } from '../../src-core/contract/api';
import { ApiError } from '../../src-core/contract/api-error';
import type { EventBus } from '../app/event-bus';
import type { SweepSummary } from '../../src-core/contract/sweeps-api';
import type { RunStatus } from '../../src-core/contract/training';
import { SweepError, expandSweep } from '../../src-core/sweep/index';
import type { LabStore } from '../store/lab-store';
import { checkLaunchConfig } from './check-launch';
import type { RunDatasets } from './run-datasets';
import type { RunRunner } from './run-runner';

export function sweepSummary(sweep: { id: string; name: string; createdAt: string; held?: boolean; runs: { id: string; status: RunStatus }[] }): SweepSummary {
  const statusCounts: SweepSummary['statusCounts'] = {};
  for (const run of sweep.runs) statusCounts[run.status] = (statusCounts[run.status] ?? 0) + 1;
  return { id: sweep.id, name: sweep.name, createdAt: sweep.createdAt, runIds: sweep.runs.map((r) => r.id), statusCounts, held: sweep.held ?? false };
}

/**
 * Sweeps: the config is expanded by src-core/sweep into runs, every one checked against the dataset before
 * any is stored, then all queued on the pool as one sweep (they wait for free threads).
 */
export function createSweepHandlers(store: LabStore, runner: RunRunner, datasets: RunDatasets, bus: EventBus): Pick<RequestHandlers, 'sweeps.start' | 'sweeps.list' | 'sweeps.control'> {
  const findSweep = (id: string) => {
    const sweep = store.listSweeps().find((s) => s.id === id);
    if (!sweep) throw new ApiError({ code: 'not_found', field: 'id', message: `There is no sweep with id ${JSON.stringify(id)}.` });
    return sweep;
  };
  return {
    'sweeps.start': (args) => {
      let runs;
      try {
        runs = expandSweep(args.sweep, { spec: args.spec, train: args.train });
      } catch (error) {
        if (error instanceof SweepError) throw sweepApiError(error);
        throw error;
      }
      const dataset = datasets.resolve(args.datasetId, args.data);
      runs.forEach((run) => checkLaunchConfig(run.config, `Sweep run ${run.label}`, 'sweep.parameters', dataset));
      const id = randomUUID();
      const name = args.name?.trim() || `Sweep of ${Object.keys(args.sweep.parameters).join(', ')}`;
      store.createSweep({ id, name, config: { sweep: args.sweep, spec: args.spec, train: args.train, datasetId: args.datasetId }, createdAt: new Date().toISOString() });
      for (const run of runs) {
        runner.start({ datasetId: args.datasetId, name: `${name}: ${run.label}`, spec: run.config.spec, train: run.config.train, ...(args.data ? { data: args.data } : {}), seed: run.seed, sweepId: id });
      }
      return sweepSummary(store.listSweeps().find((s) => s.id === id)!);
    },
    'sweeps.list': () => store.listSweeps().map(sweepSummary),
    // Pause the rest: queued runs are held back (they stay queued), running ones train on to their end. Resume lets
    // them go. Cancel the rest: every run not ended stops (queued ones at once), the ended ones are kept.
    'sweeps.control': ({ id, action }) => {
      const sweep = findSweep(id);
      const live = sweep.runs.filter((run) => run.status === 'queued' || run.status === 'running' || run.status === 'paused');
      store.setSweepHeld(id, action === 'pause');
      for (const run of live) {
        if (action === 'pause' && run.status === 'queued') runner.hold(run.id);
        else if (action === 'resume') runner.release(run.id);
        else if (action === 'cancel' && runner.isActive(run.id)) runner.control(run.id, 'stop');
      }
      const summary = sweepSummary(findSweep(id));
      bus.emit('sweep.status', summary);
      return summary;
    },
  };
}

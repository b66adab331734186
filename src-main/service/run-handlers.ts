import type { RequestHandlers } from '../../src-core/contract/api';
import { ApiError } from '../../src-core/contract/api-error';
import type { DataSetup } from '../../src-core/contract/run-config';
import type { RunDetail } from '../../src-core/contract/training';
import type { LabStore } from '../store/lab-store';
import { runLayerImages } from './layer-images';
import type { RunDatasets } from './run-datasets';
import type { RunRunner } from './run-runner';

type RunRequest =
  | 'runs.start'
  | 'runs.list'
  | 'runs.get'
  | 'runs.metrics'
  | 'runs.diagnostics'
  | 'runs.snapshots'
  | 'runs.layer-images'
  | 'runs.stop'
  | 'runs.pause'
  | 'runs.resume'
  | 'runs.rerun'
  | 'runs.duplicate'
  | 'runs.continue';

/** A stored run's data set-up, to start its re-run, continuation or copy with the same split and preprocessing. */
function dataOf(run: RunDetail): { data?: DataSetup } {
  return run.data ? { data: run.data } : {};
}

/**
 * Starting and controlling runs, and the lineage requests: re-run, duplicate to edit, continue for more epochs.
 * Those find the run's data by content (`datasets.datasetIdOfRun`), so a CLI run's file imported here serves.
 */
export function createRunHandlers(store: LabStore, runner: RunRunner, datasets: RunDatasets): Pick<RequestHandlers, RunRequest> {
  return {
    'runs.start': (args) => runner.start(args),
    'runs.list': () => store.listRuns(),
    'runs.get': ({ id }) => store.getRunDetail(id),
    'runs.metrics': ({ id, from, limit }) => store.pageMetrics(id, from, limit ?? 1000),
    'runs.diagnostics': ({ id, from, limit }) => store.pageDiagnostics(id, from, limit ?? 20),
    'runs.snapshots': ({ id, from, limit, frame }) => {
      const page = store.pageSnapshots(id, from, limit ?? 50);
      const stored = frame ? store.getSnapshotFrame(id) : undefined;
      return stored ? { frame: stored, ...page } : page;
    },
    'runs.layer-images': ({ id, row }) => runLayerImages(store, datasets, runner, id, row),
    'runs.stop': ({ id }) => runner.control(id, 'stop'),
    'runs.pause': ({ id }) => runner.control(id, 'pause'),
    'runs.resume': ({ id }) => runner.control(id, 'resume'),
    // Same config, same seed, same data: the engine is deterministic, so the epochs come out bit-identical.
    'runs.rerun': ({ id }) => {
      const run = store.getRun(id);
      return runner.start({ datasetId: datasets.datasetIdOfRun(run), name: `${run.name} (re-run)`, spec: run.spec, train: run.train, ...dataOf(run), seed: run.seed, parentRunId: run.id });
    },
    'runs.duplicate': ({ id }) => {
      const run = store.getRun(id);
      return { datasetId: datasets.datasetIdOfRun(run), name: `${run.name} (copy)`, spec: run.spec, train: { ...run.train, seed: run.seed }, ...dataOf(run) };
    },
    // From the run's final weights, for `epochs` more epochs. With the optimizer and generator state the run
    // ended with, the child trains on exactly as the parent would have (its epochs numbered on from the
    // parent's); runs stored before that state was kept start the optimizer and schedule afresh.
    'runs.continue': ({ id, epochs }) => {
      const run = store.getRun(id);
      if (runner.isActive(id)) throw new ApiError({ code: 'conflict', field: 'id', message: `Run "${run.name}" is still training; continue it once it has ended.` });
      const weights = store.getWeights(id, 'final');
      if (!weights) throw new ApiError({ code: 'conflict', field: 'id', message: `Run "${run.name}" has no stored weights to continue from.` });
      const datasetId = datasets.datasetIdOfRun(run);
      // Found by content (a CLI run's file): the app splits it its own way, so the row order the run ended with
      // does not apply; the weights carry on and the optimizer starts afresh.
      const resume = datasetId === run.datasetId ? store.getResume(id) : undefined;
      return runner.start({
        datasetId,
        name: `${run.name} (continued)`,
        spec: run.spec,
        train: { ...run.train, epochs: resume ? resume.optimizer.epochs + epochs : epochs },
        ...dataOf(run),
        seed: run.seed,
        parentRunId: run.id,
        initialState: weights.state,
        ...(resume ? { resume } : {}),
      });
    },
  };
}

import { appNotices, datasetImport, datasets, inside, runDiagnostics, runs } from './stores';
import { onEvent } from '../lib/api/lab-api';
import { transport } from '../lib/api/client';
import type { ConnectionState } from '../lib/api/transport';
import { ProgressBatcher, epochsOf } from '../lib/stores/progress-batcher';

/**
 * Connects the stores to the main process: loads the datasets and runs, follows `run.progress`
 * and `run.status`, and after a reconnect reloads the runs (events may have been missed meanwhile)
 * and whatever could not load while the host was unreachable.
 */
export function startSession(onConnection: (state: ConnectionState) => void): () => void {
  const batcher = new ProgressBatcher((runId, epochs) => runs.progress(runId, epochs));
  const stops = [
    onEvent(transport, 'run.progress', (event) => {
      for (const epoch of epochsOf(event)) batcher.add(event.runId, epoch);
    }),
    onEvent(transport, 'run.snapshot', (event) => inside.receive(event)),
    onEvent(transport, 'run.diagnostics', (event) => runDiagnostics.append(event.runId, event.diagnostics)),
    onEvent(transport, 'dataset.import-progress', (event) => datasetImport.progress(event)),
    onEvent(transport, 'sweep.status', (sweep) => runs.updateSweep(sweep)),
    onEvent(transport, 'run.status', (run) => {
      batcher.flush(); // epochs before the status they led to
      runs.update(run);
    }),
  ];
  let wasOpen = false;
  stops.push(
    transport.onConnectionChange((state) => {
      onConnection(state);
      if (state !== 'open') return;
      void appNotices.load();
      if (wasOpen || !runs.loaded) {
        if (!datasets.loaded) void datasets.load();
        void runs.refresh();
        if (runs.selectedId) void runs.select(runs.selectedId);
      }
      wasOpen = true;
    }),
  );
  return () => stops.forEach((stop) => stop());
}

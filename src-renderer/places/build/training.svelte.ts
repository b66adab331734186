import { api } from '../../lib/api/client';
import { appNotices } from '../../shell/app-notices.svelte';
import { model } from './model.svelte';
import { notices } from '../../shared/toasts/notices.svelte';
import { runs } from '../runs/runs.svelte';
import { runsInProgress } from '../../lib/stores/run-status';

/** Starting and stopping training runs. */
class TrainingStore {
  starting = $state(false);
  stopping = $state(false);

  /** Why Train is disabled, or null when it can be pressed. */
  blocker: string | null = $derived(
    this.starting
      ? 'Starting…'
      : appNotices.readOnly
        ? 'The run database is read-only: new runs cannot be saved'
        : runs.activeRuns.length > 0
          ? runsInProgress(runs.activeRuns.length)
          : model.blocker,
  );

  async start(): Promise<void> {
    const args = model.runArgs();
    if (!args || this.blocker) return;
    this.starting = true;
    try {
      const run = await api['runs.start'](args);
      runs.update(run);
      void runs.select(run.id);
    } catch (error) {
      notices.error('Could not start training', error);
    } finally {
      this.starting = false;
    }
  }

  async stop(id: string): Promise<void> {
    this.stopping = true;
    try {
      runs.update(await api['runs.stop']({ id }));
    } catch (error) {
      notices.error('Could not stop the run', error);
      // Another window (or the CLI) may have ended it: show its true status.
      await runs.reload(id);
    } finally {
      this.stopping = false;
    }
  }
}

export const training = new TrainingStore();

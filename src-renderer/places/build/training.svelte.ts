import type { LabApi } from '../../../src-core/contract/api';
import type { AppNoticesStore } from '../../shell/app-notices.svelte';
import type { LabHub } from '../../shared/hub/event-hub';
import type { ModelStore } from './model.svelte';
import type { RunsStore } from '../runs/runs.svelte';

/** Starting and stopping training runs: each Train starts one more, shown as soon as it is queued. */
export class TrainingStore {
  starting = $state(false);
  stopping = $state(false);

  constructor(
    private readonly api: Pick<LabApi, 'runs.start' | 'runs.stop'>,
    private readonly hub: LabHub,
    private readonly model: Pick<ModelStore, 'runArgs' | 'blocker'>,
    private readonly runs: Pick<RunsStore, 'update' | 'select' | 'reload'>,
    private readonly appNotices: Pick<AppNoticesStore, 'readOnly'>,
  ) {}

  /**
   * Why Train is disabled, or null when it can be pressed. Runs already training never block it: a new run queues
   * on the pool until a thread is free, and any number can train at once.
   */
  blocker: string | null = $derived.by(() =>
    this.starting
      ? 'Starting…'
      : this.appNotices.readOnly
        ? 'The run database is read-only: new runs cannot be saved'
        : this.model.blocker,
  );

  async start(): Promise<void> {
    const args = this.model.runArgs();
    if (!args || this.blocker) return;
    this.starting = true;
    try {
      const run = await this.api['runs.start'](args);
      this.runs.update(run);
      void this.runs.select(run.id);
    } catch (error) {
      void this.hub.emit('notice.error', { context: 'Could not start training', error });
    } finally {
      this.starting = false;
    }
  }

  async stop(id: string): Promise<void> {
    this.stopping = true;
    try {
      this.runs.update(await this.api['runs.stop']({ id }));
    } catch (error) {
      void this.hub.emit('notice.error', { context: 'Could not stop the run', error });
      // Another window (or the CLI) may have ended it: show its true status.
      await this.runs.reload(id);
    } finally {
      this.stopping = false;
    }
  }
}


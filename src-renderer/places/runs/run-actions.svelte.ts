import type { LabApi } from '../../../src-core/contract/api';
import type { ExportFormat, RunExport } from '../../../src-core/contract/runs-api';
import { newTransferId, sendInPieces } from '../../lib/datasets/upload-chunks';
import { describeError } from '../../lib/errors/describe-error';
import { importLabel, missingRunData } from '../../lib/runs/missing-run-data';
import type { ModelStore } from '../build/model.svelte';
import type { LabHub } from '../../shared/hub/event-hub';
import type { RunsStore } from './runs.svelte';

type ActionApi = Pick<
  LabApi,
  | 'runs.pause'
  | 'runs.resume'
  | 'runs.rerun'
  | 'runs.duplicate'
  | 'runs.continue'
  | 'runs.delete'
  | 'runs.tag'
  | 'runs.annotate'
  | 'runs.export'
  | 'runs.import'
  | 'datasets.upload-chunk'
>;

/**
 * The run life cycle from the UI: pause, resume, re-run, duplicate into the model panel, continue, delete, tags,
 * notes, export and import. Each request's refusal becomes a readable toast; the run list follows each answer.
 */
export class RunActionsStore {
  /** The request in flight (one at a time), e.g. 'runs.pause'; buttons are disabled meanwhile. */
  pending = $state<string | null>(null);
  /** The run whose notes were last saved, for the "Saved" feedback. */
  notesSavedFor = $state<string | null>(null);
  /** The run the delete confirmation asks about (opened by the Delete button or the Delete key in the list). */
  confirmDeleteId = $state<string | null>(null);
  /** Opens the toolbar's "⋯" menu (set by the toolbar while shown): a run's context menu in the list. */
  openMenu: (() => void) | null = null;

  constructor(
    private readonly api: ActionApi,
    /** Failures go out on it, and a run's missing data file as `dataset.import-wanted`. */
    private readonly hub: LabHub,
    private readonly runs: RunsStore,
    private readonly model: Pick<ModelStore, 'loadDraft'>,
    private readonly save: (file: RunExport) => void,
  ) {}

  private async act<T>(name: string, failure: string, request: () => Promise<T>): Promise<T | undefined> {
    this.pending = name;
    try {
      return await request();
    } catch (error) {
      // A run whose data is not stored here (a CLI run's file): offer to import it.
      const missing = missingRunData(error);
      void this.hub.emit('notice.error', { context: failure, error, action: missing ? { label: importLabel(missing.file), run: () => void this.hub.emit('dataset.import-wanted', { file: missing.file }) } : undefined });
      return undefined;
    } finally {
      this.pending = null;
    }
  }

  async pause(id: string): Promise<void> {
    const run = await this.act('runs.pause', 'Could not pause the run', () => this.api['runs.pause']({ id }));
    if (run) this.runs.update(run);
  }

  async resume(id: string): Promise<void> {
    const run = await this.act('runs.resume', 'Could not resume the run', () => this.api['runs.resume']({ id }));
    if (run) this.runs.update(run);
  }

  async rerun(id: string): Promise<void> {
    const run = await this.act('runs.rerun', 'Could not re-run', () => this.api['runs.rerun']({ id }));
    if (!run) return;
    this.runs.update(run);
    void this.runs.select(run.id);
  }

  async continueRun(id: string, epochs: number): Promise<boolean> {
    const run = await this.act('runs.continue', 'Could not continue the run', () => this.api['runs.continue']({ id, epochs }));
    if (!run) return false;
    this.runs.update(run);
    void this.runs.select(run.id);
    return true;
  }

  /** Loads the run's settings into the model panel to edit and train. */
  async duplicate(id: string): Promise<void> {
    const draft = await this.act('runs.duplicate', 'Could not duplicate the run', () => this.api['runs.duplicate']({ id }));
    if (draft) await this.model.loadDraft(draft);
  }

  /** Deletes the run; the refusal's message is returned for the confirmation dialog to show. */
  async delete(id: string): Promise<string | null> {
    this.pending = 'runs.delete';
    try {
      await this.api['runs.delete']({ id });
      this.runs.remove(id);
      return null;
    } catch (error) {
      return describeError(error);
    } finally {
      this.pending = null;
    }
  }

  async tag(id: string, tags: string[]): Promise<void> {
    const run = await this.act('runs.tag', 'Could not save the tags', () => this.api['runs.tag']({ id, tags }));
    if (run) this.runs.update(run);
  }

  /** Saves the notes when they changed; says "Saved" afterwards. */
  async annotate(id: string, notes: string): Promise<void> {
    const known = this.runs.list.find((r) => r.id === id);
    if ((known?.notes ?? '') === notes) {
      this.notesSavedFor = id;
      return;
    }
    this.notesSavedFor = null;
    const run = await this.act('runs.annotate', 'Could not save the notes', () => this.api['runs.annotate']({ id, notes }));
    if (!run) return;
    this.runs.update(run);
    this.notesSavedFor = id;
  }

  async export(id: string, format: ExportFormat): Promise<void> {
    const file = await this.act('runs.export', 'Could not export the run', () => this.api['runs.export']({ id, format }));
    if (file) this.save(file);
  }

  /**
   * Imports a run bundle the user picked, sent in pieces as a CSV is (a bundle of any size fits the browser host's
   * 1 MiB frames); a bad file shows the service's message.
   */
  async import(file: File): Promise<void> {
    const run = await this.act('runs.import', `Could not import ${file.name}`, async () => {
      if (file.size < 2 || (file.size < 64 && (await file.text()).trim().length < 2)) {
        throw new Error('The file is empty; a run bundle is the JSON file Export run bundle saves.');
      }
      const uploadId = newTransferId('upload');
      await sendInPieces(this.api, file, uploadId);
      return this.api['runs.import']({ uploadId });
    });
    if (!run) return;
    this.runs.update(run);
    void this.runs.select(run.id);
  }
}

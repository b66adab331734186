import type { DatasetImportResult } from '../../../src-core/contract/datasets';
import type { EventPayloads, LabApi } from '../../../src-core/contract/api';
import { ApiError } from '../../../src-core/contract/api-error';
import { describeImportFailure, isCancelledImport, type ImportFailure } from '../../lib/datasets/import-failure';
import { newTransferId, sendInPieces } from '../../lib/datasets/upload-chunks';
import type { LabHub } from '../../shared/hub/event-hub';

export type ImportPhase = 'idle' | 'uploading' | 'importing' | 'cancelling';

/** The last import's outcome, for the line under the Import button. */
export interface ImportOutcome {
  kind: 'imported' | 'reused' | 'cancelled';
  text: string;
}

const baseName = (path: string): string => path.split(/[\\/]/).pop() || path;

/**
 * One dataset import at a time, from a path (Electron's open dialog) or from a File (the browser's file input,
 * or a file dropped on the window, in either host): its progress, cancelling it, and how it ended.
 */
export class DatasetImportStore {
  phase = $state<ImportPhase>('idle');
  fileName = $state('');
  /** Of the current phase: bytes sent while uploading, bytes read while importing (0..1). */
  fraction = $state(0);
  rows = $state(0);
  /** What the service is doing after the parse (typing, doctor, storing); undefined while it reads. */
  step = $state<EventPayloads['dataset.import-progress']['phase']>(undefined);
  failure = $state.raw<ImportFailure | null>(null);
  outcome = $state.raw<ImportOutcome | null>(null);
  busy = $derived(this.phase !== 'idle');
  /** Opens the import's file chooser (set by the Import CSV… control while it is shown). */
  choose: (() => void) | null = null;
  private importId: string | null = null;
  private uploadId: string | null = null;
  private cancelRequested = false;

  /**
   * A finished import goes out as `dataset.imported` (the datasets list and select it, the doctor tab opens);
   * `dataset.import-wanted` (a run's missing data file) comes in.
   */
  constructor(
    private readonly api: LabApi,
    private readonly hub: LabHub,
  ) {
    hub.on('dataset.import-wanted', ({ file }) => (file ? void this.importPath(file) : this.choose?.()));
  }

  /** `dataset.import-progress`: only the current import's events count. */
  progress(event: EventPayloads['dataset.import-progress']): void {
    if (event.importId !== this.importId || this.phase !== 'importing') return;
    this.fraction = Math.max(this.fraction, event.fraction);
    this.rows = event.rows;
    this.step = event.phase;
  }

  /**
   * The desktop app's native open dialog. Resolves to false when there is none here (the browser host answers
   * `unavailable`): the caller then opens the page's file input instead.
   */
  async pickAndImport(): Promise<boolean> {
    if (this.busy) return true;
    let picked: { path: string } | null;
    try {
      picked = await this.api['app.pick-file']({ purpose: 'dataset' });
    } catch (error) {
      if (ApiError.from(error).code === 'unavailable') return false;
      void this.hub.emit('notice.error', { context: 'Could not open the file dialog', error });
      return true;
    }
    if (picked) await this.importPath(picked.path);
    return true;
  }

  async importPath(path: string): Promise<void> {
    const importId = this.begin(baseName(path), 'importing');
    if (!importId) return;
    await this.finish(() => this.api['datasets.import']({ path, importId }));
  }

  /** Sends the file in ≤512 KiB pieces, in order, then imports what arrived. */
  async importFile(file: File): Promise<void> {
    const importId = this.begin(file.name, 'uploading');
    if (!importId) return;
    const uploadId = (this.uploadId = newTransferId('upload'));
    const cancelled = (): ApiError | undefined =>
      this.cancelRequested ? new ApiError({ code: 'conflict', message: `${file.name}: the import was cancelled` }) : undefined;
    await this.finish(async () => {
      await sendInPieces(this.api, file, uploadId, { progress: (fraction) => (this.fraction = fraction), stop: cancelled });
      const stopped = cancelled();
      if (stopped) throw stopped;
      this.uploadId = null;
      this.phase = 'importing';
      this.fraction = 0;
      return this.api['datasets.import-bytes']({ uploadId, fileName: file.name, importId });
    });
  }

  /** Stops the upload (its spooled bytes are dropped) or the import (nothing is stored). */
  async cancel(): Promise<void> {
    if (!this.busy || this.cancelRequested) return;
    this.cancelRequested = true;
    this.phase = 'cancelling';
    const ids = [this.importId, this.uploadId].filter((id): id is string => id !== null);
    await Promise.all(ids.map((importId) => this.api['datasets.cancel-import']({ importId }).catch(() => undefined)));
  }

  dismiss(): void {
    this.failure = null;
    this.outcome = null;
  }

  private begin(fileName: string, phase: ImportPhase): string | null {
    if (this.busy) return null;
    this.phase = phase;
    this.fileName = fileName;
    this.fraction = 0;
    this.rows = 0;
    this.step = undefined;
    this.failure = null;
    this.outcome = null;
    this.cancelRequested = false;
    this.importId = newTransferId('import');
    return this.importId;
  }

  private async finish(run: () => Promise<DatasetImportResult>): Promise<void> {
    const fileName = this.fileName;
    try {
      const result = await run();
      const { rows, columnCount } = result.report;
      this.outcome = result.reused
        ? { kind: 'reused', text: `${fileName} was imported before: using the stored copy (${rows.toLocaleString('en-US')} rows × ${columnCount} columns).` }
        : { kind: 'imported', text: `Imported ${fileName}: ${rows.toLocaleString('en-US')} rows × ${columnCount} columns.` };
      this.reset();
      await this.hub.emit('dataset.imported', result);
    } catch (error) {
      const cancelled = this.cancelRequested || isCancelledImport(error);
      if (cancelled) this.outcome = { kind: 'cancelled', text: `Import of ${fileName} cancelled. Nothing was added.` };
      else this.failure = describeImportFailure(error, fileName);
      this.reset();
    }
  }

  private reset(): void {
    this.phase = 'idle';
    this.importId = null;
    this.uploadId = null;
    this.cancelRequested = false;
  }
}

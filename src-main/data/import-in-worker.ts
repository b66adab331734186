import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiError } from '../../src-core/contract/api-error';
import type { ColumnOverrides } from '../../src-core/contract/datasets';
import type { ParsedTable } from '../../src-core/data/csv/csv-table';
import type { ImportedTable, StoredPlan } from '../store/dataset-store';
import type { ImportJob, ImportWorkerMessage, PlanJob, StoredTable } from './import-messages';
import { unpackedPath } from '../app/asar-unpacked';

export interface ImportProgress {
  /** Share of the file's bytes read, 0..1. */
  fraction: number;
  rows: number;
  /** After parsing: what the worker is doing now (the bytes are all read, so `fraction` is 1). */
  phase?: 'typing' | 'doctor' | 'storing';
}

/** The worker stored the dataset itself (see `ImportJob.databasePath`). */
export interface StoredByWorker {
  storedId: string;
  reused: boolean;
  /** The import was cancelled after the worker's commit: the caller deletes the new dataset and reports the cancel. */
  cancelled?: true;
}

export interface ImportHandle {
  /** Asks the worker to stop; `done` then rejects with a `conflict` ApiError saying it was cancelled. */
  cancel(): void;
  /**
   * The parsed file, or (when `isStored` said so) only the hash of bytes that are stored already, or
   * (given a database path) the id the worker stored the dataset as.
   */
  readonly done: Promise<ImportedTable | { storedHash: string } | StoredByWorker>;
}

/** Where the import worker is: the built file beside the bundle, or (running from sources) the .ts file, loaded through tsx. */
export interface ImportWorkerLocation {
  file: string | URL;
  /** The file is TypeScript: a small bootstrap imports it through tsx's API (a dev dependency). */
  typescript?: boolean;
}

/**
 * out/main/import-worker.js seen from the built code (this module lands in an entry file or in a chunk
 * beside them), else the TypeScript source when running unbuilt (vitest, tsx).
 */
export function findImportWorker(): ImportWorkerLocation {
  const built = [new URL('./import-worker.js', import.meta.url), new URL('../import-worker.js', import.meta.url)];
  const found = built.find((candidate) => existsSync(candidate));
  if (found) return { file: unpackedPath(fileURLToPath(found)) }; // a packaged app's worker is outside app.asar
  const source = new URL('./import-worker.ts', import.meta.url);
  if (existsSync(source)) return { file: source, typescript: true };
  const tried = built.map((candidate) => fileURLToPath(candidate)).join(' or ');
  throw new ApiError({ code: 'unavailable', message: `The import worker is not built: no ${tried}. Run 'npm run build'.` });
}

/**
 * Reads, parses, types and diagnoses a CSV file on a worker thread of its own. Progress comes back as
 * the rows are read; cancelling sets a shared flag that the parser reads every few thousand rows.
 */
export function importInWorker(
  job: { path: string; fileName: string; databasePath?: string; nativeBinding?: string },
  onProgress: (progress: ImportProgress) => void,
  location: ImportWorkerLocation = findImportWorker(),
  isStored: (hash: string) => boolean = () => false,
): ImportHandle {
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const workerData = { kind: 'import', ...job, cancel } satisfies ImportJob;
  const worker = location.typescript
    ? new Worker(tsBootstrap(location.file), { eval: true, workerData })
    : new Worker(location.file, { workerData });
  let settled = false;
  let rows = 0;
  const done = new Promise<ImportedTable | { storedHash: string } | StoredByWorker>((resolve, reject) => {
    const settle = (result: { table: ImportedTable | { storedHash: string } | StoredByWorker } | { error: unknown }, letFinish = false): void => {
      if (settled) return;
      settled = true;
      // A worker that stored the dataset checkpoints the WAL after answering: it ends by itself.
      if (!letFinish) void worker.terminate();
      if ('error' in result) reject(ApiError.from(result.error));
      else resolve(result.table);
    };
    worker.on('message', (message: ImportWorkerMessage) => {
      if (message.type === 'progress') {
        if (!settled && Atomics.load(flag, 0) === 0) onProgress({ fraction: message.fraction, rows: message.rows });
        rows = message.rows;
      } else if (message.type === 'phase') {
        if (!settled && Atomics.load(flag, 0) === 0) onProgress({ fraction: 1, rows, phase: message.phase });
      } else if (message.type === 'stored') {
        // A cancel that came after the worker's last look at the flag: the caller deletes what was committed.
        const late = Atomics.load(flag, 0) === 1;
        settle({ table: { storedId: message.datasetId, reused: message.reused, ...(late ? { cancelled: true } : {}) } }, true);
      } else if (message.type === 'hashed') {
        // The same bytes were imported before: no need to parse them again.
        if (Atomics.load(flag, 0) === 1) settle({ error: cancelled(job.fileName) });
        else if (isStored(message.hash)) settle({ table: { storedHash: message.hash } });
      } else if (message.type === 'planned') {
        settle({ error: new ApiError({ code: 'internal', message: `${job.fileName}: the import worker answered another job` }) });
      } else if (message.type === 'done') {
        // A cancel that came before this message was handled wins, even if the worker had already finished.
        if (Atomics.load(flag, 0) === 1) settle({ error: cancelled(job.fileName) });
        else settle({ table: message.imported });
      }
      else settle({ error: Atomics.load(flag, 0) === 1 ? cancelled(job.fileName) : message.error });
    });
    worker.on('error', (error) => settle({ error: new ApiError({ code: 'internal', message: `${job.fileName}: the import worker failed: ${error.message}`, file: job.fileName }) }));
    worker.on('exit', (code) => {
      settle({ error: new ApiError({ code: 'internal', message: `${job.fileName}: the import worker stopped (exit code ${code}) before it finished`, file: job.fileName }) });
    });
  });
  return {
    cancel: () => {
      Atomics.store(flag, 0, 1);
    },
    done,
  };
}

/**
 * Types a stored table again with the user's overrides on a worker thread, and runs the doctor: the
 * table's numeric columns are moved to the worker (the caller must not use `table` afterwards).
 */
export function planInWorker(
  source: ParsedTable | StoredTable,
  overrides: ColumnOverrides,
  location: ImportWorkerLocation = findImportWorker(),
): Promise<Required<StoredPlan>> {
  const transferList: ArrayBuffer[] = [];
  let workerData: PlanJob;
  if ('databasePath' in source) workerData = { kind: 'plan', stored: source, overrides };
  else {
    workerData = { kind: 'plan', table: source, overrides };
    transferList.push(source.rowLines.buffer as ArrayBuffer);
    for (const column of source.columns) if (column.type === 'number') transferList.push(column.values.buffer as ArrayBuffer);
  }
  const name = 'databasePath' in source ? source.datasetId : source.fileName;
  const worker = location.typescript
    ? new Worker(tsBootstrap(location.file), { eval: true, workerData, transferList })
    : new Worker(location.file, { workerData, transferList });
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (result: { stored: Required<StoredPlan> } | { error: unknown }): void => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if ('error' in result) reject(ApiError.from(result.error));
      else resolve(result.stored);
    };
    worker.on('message', (message: ImportWorkerMessage) => {
      if (message.type === 'planned') settle({ stored: message.stored });
      else if (message.type === 'failed') settle({ error: message.error });
    });
    worker.on('error', (error) => settle({ error: new ApiError({ code: 'internal', message: `${name}: the column worker failed: ${error.message}` }) }));
    worker.on('exit', (code) => settle({ error: new ApiError({ code: 'internal', message: `${name}: the column worker stopped (exit code ${code}) before it finished` }) }));
  });
}

function cancelled(fileName: string): ApiError {
  return new ApiError({ code: 'conflict', message: `${fileName}: the import was cancelled`, file: fileName });
}

/** A worker script that imports a TypeScript worker through tsx (only when running from sources). */
function tsBootstrap(file: string | URL): string {
  const tsxFolder = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxFolder, 'dist/esm/api/index.mjs')).href;
  const target = file instanceof URL ? file.href : pathToFileURL(file).href;
  return `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(target)}, ${JSON.stringify(target)}));`;
}

import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { ApiError } from '../../src-core/contract/api-error';
import { inferColumns } from '../../src-core/data/columns/infer-columns';
import { parseCsv } from '../../src-core/data/csv/parse-csv';
import { plannedInputShape } from '../../src-core/data/datasets/imported-training';
import { diagnoseDataset } from '../../src-core/data/doctor/diagnose-dataset';
import { DatasetStore, type ImportedTable } from '../store/dataset-store';
import type { ImportJob, ImportWorkerMessage, PlanJob } from './import-messages';
import { readCsvBytes } from './read-csv-bytes';

/**
 * The import worker thread (built to out/main/import-worker.js): one job per thread, so parsing a large
 * CSV, typing its columns and running the doctor never block the main process. An import's cancellation
 * is a shared flag, read between blocks of rows. A `plan` job types a stored table again with overrides.
 */

function importFile(job: ImportJob, post: (message: ImportWorkerMessage) => void): { imported: ImportedTable; transfer: ArrayBuffer[] } {
  const { fileName } = job;
  const flag = new Int32Array(job.cancel);
  const signal = { get aborted(): boolean { return Atomics.load(flag, 0) === 1; } };
  const checkCancelled = (): void => {
    if (signal.aborted) throw new ApiError({ code: 'conflict', message: `${fileName}: the import was cancelled`, file: fileName });
  };
  // The file's bytes are let go once parsed (nothing else holds them), so they and the columns are not both kept through typing and storing.
  let bytes: Buffer | undefined = readCsvBytes(job.path, fileName);
  const fileSize = bytes.byteLength;
  checkCancelled();
  const hash = createHash('sha256').update(bytes).digest('hex');
  post({ type: 'hashed', hash, fileSize });
  const table = parseCsv(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
    fileName,
    signal,
    onProgress: ({ bytesRead, totalBytes, rows }) => post({ type: 'progress', fraction: totalBytes > 0 ? bytesRead / totalBytes : 1, rows }),
  });
  bytes = undefined;
  checkCancelled();
  post({ type: 'phase', phase: 'typing' });
  const plan = inferColumns(table);
  checkCancelled();
  const inputShape = plannedInputShape(table, plan);
  checkCancelled();
  post({ type: 'phase', phase: 'doctor' });
  const report = diagnoseDataset(table, plan);
  checkCancelled();
  const transfer: ArrayBuffer[] = [table.rowLines.buffer as ArrayBuffer];
  for (const column of table.columns) if (column.type === 'number') transfer.push(column.values.buffer as ArrayBuffer);
  return { imported: { hash, fileName, fileSize, table, stored: { plan, inputShape }, report }, transfer };
}

/** A connection of the worker's own to the app's WAL database; waits (up to 10 s) while main holds the write lock. */
function openDatabase(path: string, readonly: boolean, nativeBinding: string | undefined): Database.Database {
  const db = new Database(path, { readonly, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  db.pragma('busy_timeout = 10000');
  if (!readonly) {
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // The worker copies the WAL into the database itself after it has answered (see storeImported).
    db.pragma('wal_autocheckpoint = 0');
  }
  return db;
}

/**
 * Stores the import over the worker's own connection in one transaction; the cancel flag is read once
 * more inside it, just before the commit, so a cancel rolls everything back.
 */
function storeImported(
  imported: ImportedTable,
  databasePath: string,
  nativeBinding: string | undefined,
  checkCancelled: () => void,
  post: (message: ImportWorkerMessage) => void,
): void {
  const db = openDatabase(databasePath, false, nativeBinding);
  try {
    const { dataset, reused } = new DatasetStore(db).saveImported(imported, new Date().toISOString(), checkCancelled);
    post({ type: 'stored', datasetId: dataset.info.id, reused });
    // Committed and answered; now copy the 100+ MB of WAL into the database (about as long as the commit), here
    // rather than in whichever connection commits next, which could be main's. A passive checkpoint waits for no one.
    db.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    db.close();
  }
}

function planTable(job: PlanJob): ImportWorkerMessage {
  let table = job.table;
  if (job.stored) {
    const db = openDatabase(job.stored.databasePath, true, job.stored.nativeBinding);
    try {
      table = new DatasetStore(db).loadTable(job.stored.datasetId);
    } finally {
      db.close();
    }
  }
  if (!table) throw new ApiError({ code: 'internal', message: 'The column worker was given no table' });
  const plan = inferColumns(table, job.overrides);
  return { type: 'planned', stored: { plan, inputShape: plannedInputShape(table, plan), report: diagnoseDataset(table, plan) } };
}

if (parentPort) {
  const port = parentPort;
  const post = (message: ImportWorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
  try {
    const job = workerData as ImportJob | PlanJob;
    if (job.kind === 'plan') {
      post(planTable(job));
    } else {
      const { imported, transfer } = importFile(job, post);
      if (job.databasePath) {
        post({ type: 'phase', phase: 'storing' });
        const flag = new Int32Array(job.cancel);
        storeImported(
          imported,
          job.databasePath,
          job.nativeBinding,
          () => {
            if (Atomics.load(flag, 0) === 1) throw new ApiError({ code: 'conflict', message: `${job.fileName}: the import was cancelled`, file: job.fileName });
          },
          post,
        );
      } else post({ type: 'done', imported }, transfer);
    }
  } catch (error) {
    post({ type: 'failed', error: ApiError.from(error).toData() });
  }
}

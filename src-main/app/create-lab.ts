import type { RequestHandlers } from '../../src-core/contract/api';
import type { AppInfo } from '../../src-core/contract/app-api';
import { version } from '../../package.json';
import { TrainingPool } from '../pool/training-pool';
import { createLabService } from '../service/lab-service';
import type { BackupOptions } from '../store/backup-database';
import { openStore } from '../store/lab-store';
import { EventBus } from './event-bus';
import { useKernelsFromEnvironment } from './kernel-choice';

export interface CreateLabOptions {
  databasePath: string;
  host: AppInfo['host'];
  /** Training threads; default one per core. */
  threads?: number;
  /** better-sqlite3's addon built for this runtime (Electron's ABI); Node uses the installed one. */
  nativeBinding?: string;
  /** The built training worker; default out/main/train-worker.js beside the built main bundle. */
  workerFile?: string | URL;
}

/**
 * How long a request's write (a new run, tags, a run's ending) waits for another program's lock before it is
 * refused; longer than an import worker's commit. Epoch commits wait far less and are retried (commit-batcher).
 */
export const appBusyTimeoutMs = 10_000;

/** Everything a transport (Electron IPC, the browser host) needs. */
export interface Lab {
  handlers: RequestHandlers;
  bus: EventBus;
  info: AppInfo;
  /** Backs the database up; only the desktop app's save dialog (which confirmed it) passes `overwrite`. */
  backup(path: string, options: BackupOptions): Promise<{ path: string; bytes: number }>;
  /** Stops training gracefully (weights kept), ends the threads, closes the database. */
  close(): Promise<void>;
}

/** The composition root shared by the Electron shell and the browser host. */
export async function createLab(options: CreateLabOptions): Promise<Lab> {
  useKernelsFromEnvironment(); // for predictions on this thread; each training job chooses in its worker
  const store = openStore(options.databasePath, { busyTimeoutMs: appBusyTimeoutMs, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  const pool = new TrainingPool({
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    ...(options.workerFile !== undefined ? { workerFile: options.workerFile } : {}),
  });
  const bus = new EventBus();
  const info: AppInfo = {
    name: 'NN Lab',
    version,
    host: options.host,
    databasePath: store.path,
    threads: pool.threads,
  };
  const handlers = createLabService({ store, pool, bus, info, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      try {
        await pool.close();
      } finally {
        store.close();
      }
    })());
  return { handlers, bus, info, backup: (path, backupOptions) => store.backup(path, backupOptions), close };
}

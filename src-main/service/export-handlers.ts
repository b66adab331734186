import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { RequestHandlers } from '../../src-core/contract/api';
import { ApiError } from '../../src-core/contract/api-error';
import { modelExportFormats, type ModelExportFormat } from '../../src-core/contract/runs-api';
import { exportFileStem as fileStem } from '../../src-core/export/model-export-notes';
import type { LabStore } from '../store/lab-store';
import { metricsCsv, metricsJson } from '../store/metrics-export';
import { exportRunBundle, importRunBundle, parseRunBundle } from '../store/run-bundle';
import { modelExport } from './model-exports';
import type { UploadSpool } from './upload-spool';

/** As `runs.import`'s `bundle` text may be. */
const maxBundleBytes = 512 * 1024 * 1024;


/** Exports (metrics as CSV or JSON, a run bundle), bundle import, and the whole-database backup. */
export function createExportHandlers(
  store: LabStore,
  appVersion: string,
  uploads: UploadSpool,
): Pick<RequestHandlers, 'runs.export' | 'runs.import' | 'app.backup'> {
  return {
    'runs.export': ({ id, format }) => {
      const run = store.getRun(id);
      const stem = fileStem(run.name);
      if (format === 'csv') return { fileName: `${stem}.metrics.csv`, mimeType: 'text/csv', text: metricsCsv(run.metrics) };
      if (format === 'json') return { fileName: `${stem}.metrics.json`, mimeType: 'application/json', text: metricsJson(run) };
      if ((modelExportFormats as readonly string[]).includes(format)) {
        return modelExport(store, id, format as ModelExportFormat, stem, appVersion);
      }
      return { fileName: `${stem}.nn-lab-run.json`, mimeType: 'application/json', text: `${JSON.stringify(exportRunBundle(store, id, appVersion))}\n` };
    },
    'runs.import': (args) => {
      if ('bundle' in args) return importRunBundle(store, parseRunBundle(args.bundle));
      const upload = uploads.get(args.uploadId);
      try {
        if (upload.size > maxBundleBytes) throw new ApiError({ code: 'bad_input', message: `A run bundle may have at most ${maxBundleBytes / 1024 ** 2} MB; this file has ${(upload.size / 1024 ** 2).toFixed(0)} MB.` });
        return importRunBundle(store, parseRunBundle(readFileSync(upload.file, 'utf8')));
      } finally {
        uploads.remove(args.uploadId);
      }
    },
    'app.backup': async ({ path }) => {
      if (path === undefined) throw new ApiError({ code: 'unavailable', field: 'path', message: 'app.backup: path: name a new file to back up to (only the desktop app has a save dialog).' });
      if (!isAbsolute(path)) throw new ApiError({ code: 'invalid_args', field: 'path', message: `app.backup: path: an absolute file path is needed (got ${JSON.stringify(path)}).` });
      return store.backup(path);
    },
  };
}

import { isAbsolute } from 'node:path';
import type { RequestHandlers } from '../../src-core/contract/api';
import { ApiError } from '../../src-core/contract/api-error';
import { modelExportFormats, type ModelExportFormat } from '../../src-core/contract/runs-api';
import { exportFileStem as fileStem } from '../../src-core/export/model-export-notes';
import type { LabStore } from '../store/lab-store';
import { metricsCsv, metricsJson } from '../store/metrics-export';
import { exportRunBundle, importRunBundle, parseRunBundle } from '../store/run-bundle';
import { modelExport } from './model-exports';

/** Exports (metrics as CSV or JSON, a run bundle), bundle import, and the whole-database backup. */
export function createExportHandlers(
  store: LabStore,
  appVersion: string,
): Pick<RequestHandlers, 'runs.export' | 'runs.import' | 'app.backup'> {
  return {
    'runs.export': ({ id, format }) => {
      const run = store.getRun(id);
      const stem = fileStem(run.name);
      if (format === 'csv') return { fileName: `${stem}.metrics.csv`, mimeType: 'text/csv', text: metricsCsv(run.metrics) };
      if (format === 'json') return { fileName: `${stem}.metrics.json`, mimeType: 'application/json', text: metricsJson(run) };
      if ((modelExportFormats as readonly string[]).includes(format)) {
        const { bytes: _bytes, ...file } = modelExport(store, id, format as ModelExportFormat, stem, appVersion);
        return file;
      }
      return { fileName: `${stem}.nn-lab-run.json`, mimeType: 'application/json', text: `${JSON.stringify(exportRunBundle(store, id, appVersion))}\n` };
    },
    'runs.import': ({ bundle }) => importRunBundle(store, parseRunBundle(bundle)),
    'app.backup': async ({ path }) => {
      if (!isAbsolute(path)) throw new ApiError({ code: 'invalid_args', field: 'path', message: `app.backup: path: an absolute file path is needed (got ${JSON.stringify(path)}).` });
      if (path === store.path) throw new ApiError({ code: 'invalid_args', field: 'path', message: 'app.backup: path: that is the database itself; choose another file.' });
      return store.backup(path);
    },
  };
}

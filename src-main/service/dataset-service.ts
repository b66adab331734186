import { randomUUID } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { RequestHandlers } from '../../src-core/contract/api';
import { ApiError } from '../../src-core/contract/api-error';
import type { ColumnOverrides, DatasetImportResult, DatasetInspection, DatasetPreview } from '../../src-core/contract/datasets';
import { tensor } from '../../src-core/contract/tensor';
import { bundledDatasets, bundledPreview, findBundledDataset } from '../../src-core/data/datasets';
import type { EventBus } from '../app/event-bus';
import { bundledFileInfos, findBundledFile } from '../data/bundled-files';
import { importInWorker, planInWorker, type ImportHandle, type ImportWorkerLocation } from '../data/import-in-worker';
import type { LabStore } from '../store/lab-store';
import type { DatasetStore, StoredDataset } from '../store/dataset-store';
import { UploadSpool } from './upload-spool';

export interface DatasetServiceDeps {
  store: LabStore;
  bus: EventBus;
  /** The import worker; default: the built one beside the bundle (or the source file when unbuilt). */
  importWorker?: ImportWorkerLocation;
  /** better-sqlite3's addon for this runtime, for the workers' own connections (the store was opened with it). */
  nativeBinding?: string;
  /** Told after a dataset is deleted, so whoever keeps its rows loaded (the run datasets) lets them go. */
  onDeleted?: (id: string) => void;
  /** The browser's uploads (shared with `runs.import`); default: a spool of its own. */
  uploads?: UploadSpool;
}

type DatasetRequest =
  | 'datasets.list'
  | 'datasets.preview'
  | 'datasets.import'
  | 'datasets.upload-chunk'
  | 'datasets.import-bytes'
  | 'datasets.cancel-import'
  | 'datasets.inspect'
  | 'datasets.update-columns'
  | 'datasets.delete';

/** The imported datasets, kept by the run database so a dataset and the runs that use it live in one file and one writer. */
export function datasetStoreOf(store: LabStore): DatasetStore {
  return store.datasets;
}

function inspection(dataset: StoredDataset): DatasetInspection {
  return { info: dataset.info, plan: dataset.stored.plan, report: dataset.report };
}

/**
 * The dataset requests: the bundled catalogue and imported files. An import reads, parses and types the
 * file on a worker thread (progress as `dataset.import-progress`, cancellable by its import id), then
 * stores it in one transaction, keyed by the SHA-256 of its bytes.
 */
export function createDatasetHandlers(deps: DatasetServiceDeps): Pick<RequestHandlers, DatasetRequest> {
  const datasets = datasetStoreOf(deps.store);
  // Workers open the same (WAL) file to write an import and read a table, so the main thread never blocks on
  // those 100+ MB; an in-memory or read-only database keeps that work on the main connection.
  const databasePath = deps.store.workerDatabasePath;
  const nativeBinding = deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {};
  const { bus } = deps;
  const imports = new Map<string, ImportHandle>();
  const uploads = deps.uploads ?? new UploadSpool();

  const importFile = async (path: string, fileName: string, importId: string | undefined): Promise<DatasetImportResult> => {
    const id = importId ?? randomUUID();
    if (imports.has(id)) throw new ApiError({ code: 'conflict', field: 'importId', message: `An import with id ${id} is already running.` });
    const handle = importInWorker(
      { path, fileName, ...(databasePath ? { databasePath, ...nativeBinding } : {}) },
      ({ fraction, rows, phase }) => bus.emit('dataset.import-progress', { importId: id, fraction, rows, ...(phase ? { phase } : {}) }),
      deps.importWorker,
      (hash) => datasets.findByHash(hash) !== undefined,
    );
    imports.set(id, handle);
    try {
      const imported = await handle.done;
      if ('storedHash' in imported) {
        const stored = datasets.findByHash(imported.storedHash);
        if (stored) return { ...inspection(stored), reused: true };
        throw new ApiError({ code: 'conflict', message: `${fileName}: the dataset these bytes were stored as was deleted meanwhile; import the file again.`, file: fileName });
      }
      if ('storedId' in imported) {
        if (imported.cancelled) {
          if (!imported.reused) datasets.delete(imported.storedId);
          throw new ApiError({ code: 'conflict', message: `${fileName}: the import was cancelled`, file: fileName });
        }
        return { ...inspection(datasets.get(imported.storedId)), reused: imported.reused };
      }
      const { dataset, reused } = datasets.saveImported(imported, new Date().toISOString());
      return { ...inspection(dataset), reused };
    } finally {
      imports.delete(id);
    }
  };

  const imported = (id: string): StoredDataset => {
    const bundled = findBundledDataset(id)?.info ?? findBundledFile(id);
    if (bundled) {
      throw new ApiError({ code: 'bad_input', field: 'id', message: `${bundled.name} is a bundled dataset: it has no imported file to inspect or change.` });
    }
    return datasets.get(id);
  };

  return {
    // The generators, then the real datasets shipped as files, then the imported ones.
    'datasets.list': () => [...bundledDatasets.map((dataset) => dataset.info), ...bundledFileInfos(), ...datasets.list().map((dataset) => dataset.info)],

    'datasets.preview': ({ id }) => {
      const bundled = findBundledDataset(id);
      const file = bundled ? undefined : findBundledFile(id);
      const preview = bundled ? bundledPreview(bundled) : file ? undefined : (importedPreview(datasets, id) ?? imageSamplesPreview(datasets, id));
      if (!preview) {
        const info = bundled ? bundled.info : (file ?? datasets.get(id).info);
        throw new ApiError({ code: 'bad_input', field: 'id', message: `${info.name} has ${info.features} features; a scatter preview needs 2.` });
      }
      return preview;
    },

    'datasets.import': ({ path, importId }) => importFile(resolve(path), basename(path), importId),

    'datasets.upload-chunk': ({ uploadId, offset, base64 }) => uploads.append(uploadId, offset, base64),

    'datasets.import-bytes': async ({ uploadId, fileName, importId }) => {
      const upload = uploads.get(uploadId);
      try {
        return await importFile(upload.file, basename(fileName), importId);
      } finally {
        uploads.remove(uploadId);
      }
    },

    'datasets.cancel-import': ({ importId }) => {
      // An import id names a running import; an upload id a browser upload not yet imported (dropped).
      const handle = imports.get(importId);
      handle?.cancel();
      const upload = uploads.has(importId);
      uploads.remove(importId);
      return { cancelled: handle !== undefined || upload };
    },

    'datasets.inspect': ({ id }) => inspection(imported(id)),

    'datasets.update-columns': async ({ id, ...changes }) => {
      const current = imported(id);
      const previous = current.info.source?.overrides ?? {};
      const overrides: ColumnOverrides = {
        ...previous,
        ...changes,
        ...(previous.kinds || changes.kinds ? { kinds: { ...previous.kinds, ...changes.kinds } } : {}),
        ...(previous.use || changes.use ? { use: { ...previous.use, ...changes.use } } : {}),
      };
      // Typing and the doctor take seconds on a large table: they run on a worker thread.
      const stored = await planInWorker(
        databasePath ? { databasePath, datasetId: current.baseId, ...nativeBinding } : datasets.loadTable(current.baseId),
        overrides,
        deps.importWorker,
      );
      return inspection(datasets.saveConfig(current.baseId, overrides, stored, new Date().toISOString()));
    },

    'datasets.delete': ({ id }) => {
      const bundled = findBundledDataset(id)?.info ?? findBundledFile(id);
      if (bundled) throw new ApiError({ code: 'conflict', field: 'id', message: `${bundled.name} is bundled with NN Lab and cannot be deleted.` });
      datasets.delete(id);
      deps.onDeleted?.(id);
      return { id };
    },
  };
}

/** Up to `limit` points of an imported dataset with two numeric features, labelled by class index or target value. */
function importedPreview(datasets: DatasetStore, id: string, limit = 1000): DatasetPreview | undefined {
  const dataset = datasets.get(id);
  const { plan } = dataset.stored;
  const features = plan.columns.filter((c) => c.use === 'feature');
  if (features.length !== 2 || features.some((c) => c.kind !== 'numeric') || plan.target.names.length !== 1) return undefined;
  const table = datasets.loadTable(id);
  const [a, b] = features.map((c) => table.columns[c.index]!.values as ArrayLike<number>);
  const target = table.columns.find((c) => c.name === plan.target.names[0])!;
  const classIndex = new Map((plan.target.classes ?? []).map((name, i) => [name, i]));
  const step = Math.max(1, Math.ceil(table.rows / limit));
  const points: Array<[number, number]> = [];
  const labels: number[] = [];
  for (let row = 0; row < table.rows; row += step) {
    const raw = target.values[row];
    const label = plan.target.task === 'classification' ? (classIndex.get(String(raw)) ?? -1) : Number(raw);
    if (!Number.isFinite(a![row]!) || !Number.isFinite(b![row]!) || !Number.isFinite(label) || label < 0 && plan.target.task === 'classification') continue;
    points.push([a![row]!, b![row]!]);
    labels.push(label);
  }
  return { id, points, labels };
}

/**
 * An image dataset's preview: up to `limit` rows as images (a few of each class first), pixels scaled to [0, 1]
 * (float32 tensors: they cross to the renderer as bytes). Undefined when the dataset is not one of images.
 */
function imageSamplesPreview(datasets: DatasetStore, id: string, limit = 12): DatasetPreview | undefined {
  const { plan } = datasets.get(id).stored;
  if (!plan.image) return undefined;
  const { shape, pixelScale } = plan.image;
  // Only the label column is read whole; the pixels of the chosen rows are cut out of their columns by SQLite.
  const targetColumn = plan.target.names.length === 1 ? plan.columns.find((c) => c.name === plan.target.names[0]) : undefined;
  const target = targetColumn ? datasets.loadColumn(id, targetColumn.index).values : undefined;
  const rowCount = target?.length ?? Math.min(limit, datasets.get(id).info.rows);
  const classes = Math.max(1, plan.target.classes?.length ?? 1);
  const perClass = Math.max(1, Math.ceil(limit / classes));
  const taken = new Map<string, number>();
  const chosen: Array<{ row: number; label: string }> = [];
  for (let row = 0; row < rowCount && chosen.length < limit; row++) {
    const label = target ? String(target[row] ?? '') : '';
    if ((taken.get(label) ?? 0) >= perClass) continue;
    taken.set(label, (taken.get(label) ?? 0) + 1);
    chosen.push({ row, label });
  }
  const pixelPositions = plan.columns.filter((c) => c.use === 'feature').map((c) => c.index);
  const pixelRows = datasets.readNumericRows(id, pixelPositions, chosen.map((c) => c.row));
  const samples = chosen.map(({ label }, i) => {
    const pixels = Float32Array.from(pixelRows, (column) => column[i]! / pixelScale);
    return { image: tensor('float32', shape, pixels), label };
  });
  return { id, points: [], labels: [], samples };
}

import { z } from 'zod';
import { columnOverridesSchema, type DatasetImportResult, type DatasetInfo, type DatasetInspection, type DatasetPreview } from './datasets';

/** Datasets: the catalogue, imports (from a path or uploaded in pieces), column settings, previews. */

const datasetId = z.strictObject({ id: z.string().min(1).max(64) });
/** Chosen by the caller, so it can match `dataset.import-progress` events and cancel before the import returns. */
export const importIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only (at most 64)');

export const datasetsRequestSchemas = {
  'datasets.list': z.void(),
  'datasets.preview': datasetId,
  'datasets.import': z.strictObject({ path: z.string().min(1).max(4096), importId: importIdSchema.optional() }),
  /** One piece of a browser upload (base64, at most 512 KiB decoded), appended at `offset` to upload `uploadId`. */
  'datasets.upload-chunk': z.strictObject({
    uploadId: importIdSchema,
    offset: z.number().int().nonnegative(),
    base64: z.string().max(700_000),
  }),
  /** Imports what `datasets.upload-chunk` received for `uploadId` (browser host); the upload is then removed. */
  'datasets.import-bytes': z.strictObject({ uploadId: importIdSchema, fileName: z.string().min(1).max(255), importId: importIdSchema.optional() }),
  'datasets.cancel-import': z.strictObject({ importId: importIdSchema }),
  'datasets.inspect': datasetId,
  'datasets.update-columns': columnOverridesSchema.extend({ id: z.string().min(1).max(64) }),
  'datasets.delete': datasetId,
} as const;

export interface DatasetsRequestResults {
  'datasets.list': DatasetInfo[];
  'datasets.preview': DatasetPreview;
  'datasets.import': DatasetImportResult;
  'datasets.upload-chunk': { received: number };
  'datasets.import-bytes': DatasetImportResult;
  'datasets.cancel-import': { cancelled: boolean };
  'datasets.inspect': DatasetInspection;
  'datasets.update-columns': DatasetInspection;
  'datasets.delete': { id: string };
}

export interface DatasetsEventPayloads {
  /**
   * An import is reading its file: `fraction` of the bytes read (0..1), `rows` rows so far. After parsing,
   * `phase` names the step under way (typing the columns, the doctor, storing the rows), with `fraction` 1.
   */
  'dataset.import-progress': { importId: string; fraction: number; rows: number; phase?: 'typing' | 'doctor' | 'storing' };
}

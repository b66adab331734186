import type { z } from 'zod';
import type { DatasetPlan } from '../data/columns/column-plan';
import { inferOptionsSchema } from '../data/columns/infer-options';
import type { DatasetReport } from '../data/doctor/dataset-report';
import type { TaskKind } from './run-config';
import type { Tensor } from './tensor';

/** A dataset the user can pick without importing a file. */
export interface DatasetInfo {
  id: string;
  name: string;
  description: string;
  task: TaskKind;
  rows: number;
  features: number;
  inputShape: number[];
  classes?: string[];
  /** Absent for the bundled datasets; an imported file's facts otherwise. */
  source?: ImportedSource;
  /** A bundled real dataset's authors and licence (the generated ones have none). */
  credit?: DatasetCredit;
  /** 'learn': a bundled set a Learn explorer trains on (the checklist's broken ones, the regularisation's few noisy points), listed apart. */
  group?: 'learn';
}

/** Where a bundled real dataset comes from and under which licence it may be used. */
export interface DatasetCredit {
  /** Authors, year and repository, e.g. "R.A. Fisher (1936); UCI Machine Learning Repository, Iris". */
  source: string;
  licence: string;
  url?: string;
}

/** A small sample of a 2-D dataset, for a scatter preview. */
export interface DatasetPreview {
  id: string;
  points: Array<[number, number]>;
  labels: number[];
  /** Image datasets (no scatter then): a few rows as images, (C, H, W) pixels in [0, 1], with their class. */
  samples?: Array<{ image: Tensor<'float32'>; label: string }>;
}

/** Where an imported dataset came from. Its rows are stored in the database, so the file may change or go. */
export interface ImportedSource {
  kind: 'imported';
  fileName: string;
  /** Bytes. */
  fileSize: number;
  encoding: string;
  delimiter: string;
  /** SHA-256 of the file's bytes (64 hex digits): the same bytes import to the same dataset. */
  hash: string;
  importedAt: string; // ISO 8601
  /** The stored dataset these column settings apply to (a derived config's base; its own id otherwise). */
  baseId: string;
  /** The column settings chosen with `datasets.update-columns`, when this is a derived config. */
  overrides?: ColumnOverrides;
}

/** What the user may change about an imported dataset's columns; the stored data never changes. */
export const columnOverridesSchema = inferOptionsSchema.omit({ imageShape: true });
export type ColumnOverrides = z.infer<typeof columnOverridesSchema>;

/** Everything the UI shows about an imported dataset: typing with reasons, target and task, the doctor's report. */
export interface DatasetInspection {
  info: DatasetInfo;
  plan: DatasetPlan;
  report: DatasetReport;
}

/** What `datasets.import` and `datasets.import-bytes` return. */
export interface DatasetImportResult extends DatasetInspection {
  /** True when these bytes were imported before: the stored dataset is reused. */
  reused: boolean;
}

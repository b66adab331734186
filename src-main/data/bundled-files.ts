import type { DataSetup } from '../../src-core/contract/run-config';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DatasetCredit, DatasetInfo } from '../../src-core/contract/datasets';
import { inferColumns } from '../../src-core/data/columns/infer-columns';
import { parseCsv } from '../../src-core/data/csv/parse-csv';
import { importedTrainingData } from '../../src-core/data/datasets/imported-training';
import type { PreprocessorState } from '../../src-core/data/preprocess/preprocessor-state';
import type { TrainingData } from '../../src-core/nn/training-session';
import { importedDatasetHash } from './dataset-hash';

/**
 * The real datasets shipped as CSV files in resources/datasets (Iris, Wine, Breast Cancer, Digits), listed by its
 * datasets.json. They are read, typed and split exactly as an imported file is (so a run on `iris` and a CLI run
 * on iris.csv name the same content hash), but live beside the app, not in the database.
 */

/**
 * resources/datasets: two folders up from src-main/data (sources, tests) and from out/main (the built entry), three
 * up from out/main/chunks (where the bundler may put this module).
 */
const folder = ['../../resources/datasets/', '../../../resources/datasets/']
  .map((path) => new URL(path, import.meta.url))
  .find((url) => existsSync(fileURLToPath(new URL('datasets.json', url))));

function fileIn(name: string): string {
  if (!folder) throw new Error('resources/datasets (the bundled datasets) is missing beside NN Lab');
  return fileURLToPath(new URL(name, folder));
}

interface Listed {
  id: string;
  file: string;
  name: string;
  description: string;
  task: DatasetInfo['task'];
  rows: number;
  features: number;
  inputShape: number[];
  classes?: string[];
  credit: DatasetCredit;
}

export interface BundledFileData {
  info: DatasetInfo;
  data: TrainingData;
  preprocessor: PreprocessorState;
  /** `sha256:<hex>` of the file's bytes, as for an import of the same file. */
  hash: string;
}

let listed: readonly Listed[] | undefined;
function catalogue(): readonly Listed[] {
  listed ??= JSON.parse(readFileSync(fileIn('datasets.json'), 'utf8')) as Listed[];
  return listed;
}

function infoOf(entry: Listed): DatasetInfo {
  const { id, name, description, task, rows, features, inputShape, classes, credit } = entry;
  return { id, name, description, task, rows, features, inputShape, ...(classes ? { classes } : {}), credit };
}

/** The bundled files as the dataset list shows them. */
export function bundledFileInfos(): DatasetInfo[] {
  return catalogue().map(infoOf);
}

export function findBundledFile(id: string): DatasetInfo | undefined {
  const entry = catalogue().find((d) => d.id === id);
  return entry && infoOf(entry);
}

/** Reads a bundled file and builds its training and validation tensors with the imported datasets' fixed split. */
export function loadBundledFile(id: string, setup?: DataSetup): BundledFileData | undefined {
  const entry = catalogue().find((d) => d.id === id);
  if (!entry) return undefined;
  const bytes = readFileSync(fileIn(entry.file));
  const table = parseCsv(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { fileName: entry.file });
  const { training, preprocessor } = importedTrainingData(table, inferColumns(table), setup);
  const hash = importedDatasetHash(createHash('sha256').update(bytes).digest('hex'));
  return { info: infoOf(entry), data: training, preprocessor, hash };
}

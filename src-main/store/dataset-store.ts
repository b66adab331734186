import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalJson } from '../../src-core/compare/canonical-json';
import { ApiError } from '../../src-core/contract/api-error';
import type { ColumnOverrides, DatasetInfo } from '../../src-core/contract/datasets';
import type { DatasetPlan } from '../../src-core/data/columns/column-plan';
import type { CsvDelimiter, ParsedTable, TableColumn } from '../../src-core/data/csv/csv-table';
import type { CsvEncoding } from '../../src-core/data/csv/text-encoding';
import type { DatasetReport } from '../../src-core/data/doctor/dataset-report';

/**
 * Imported datasets in SQLite: stored once per content hash and never changed afterwards. Numeric columns
 * are typed-array blobs, text columns JSON; a user's column settings are derived configs beside the data.
 */

/** The `plan` JSON of a dataset or a derived config: the plan plus what training needs to know up front. */
export interface StoredPlan {
  plan: DatasetPlan;
  /** The model's per-sample input shape with this plan (after one-hot expansion), as fitted on the training rows. */
  inputShape: number[];
  /** A derived config's own doctor report (its target and kinds differ from the import's); absent for a dataset. */
  report?: DatasetReport;
}

/** What an import hands to the store, all in one piece. */
export interface ImportedTable {
  hash: string;
  fileName: string;
  fileSize: number;
  table: ParsedTable;
  stored: StoredPlan;
  report: DatasetReport;
}

/** A dataset or derived config, with what is needed to show it; the rows stay in the database. */
export interface StoredDataset {
  info: DatasetInfo;
  stored: StoredPlan;
  report: DatasetReport;
  /** The dataset whose rows this is (itself, or a derived config's base). */
  baseId: string;
}

interface DatasetRow {
  id: string;
  hash: string;
  name: string;
  file_name: string;
  file_size: number;
  encoding: string;
  delimiter: string;
  decimal_comma: number;
  header: number;
  rows: number;
  plan: string;
  report: string;
  created_at: string;
}

interface ColumnRow {
  position: number;
  name: string;
  type: 'number' | 'text';
  missing: number;
  data: Buffer;
  precision: 'float32' | 'float64' | null;
}

interface ConfigRow {
  id: string;
  dataset_id: string;
  overrides: string;
  plan: string;
  created_at: string;
}

/** A dataset's id from its content hash: short enough for a UI, unique in practice. */
export function datasetIdFor(hash: string): string {
  return `sha256-${hash.slice(0, 16)}`;
}

/** A derived config's id: the same settings on the same dataset give the same id. */
export function configIdFor(datasetId: string, overrides: ColumnOverrides): string {
  const digest = createHash('sha256').update(`${datasetId}\n${canonicalJson(overrides)}`).digest('hex');
  return `${datasetId}.cfg-${digest.slice(0, 12)}`;
}

function notFound(id: string): ApiError {
  return new ApiError({ code: 'not_found', field: 'id', message: `There is no dataset ${JSON.stringify(id)}.` });
}

/** How many leading rows `dataset_head_rows` keeps: enough for a preview's few samples of each class. */
const headRowCount = 128;

/** The first rows of a dataset's numeric columns, row-major (`values[row * positions.length + i]`). */
interface HeadRows {
  rows: number;
  positions: number[];
  values: Float64Array;
}

function headRowsOf(table: ParsedTable): HeadRows {
  const positions = table.columns.flatMap((column, position) => (column.type === 'number' ? [position] : []));
  const rows = Math.min(headRowCount, table.rows);
  const columns = positions.map((position) => table.columns[position]!.values as ArrayLike<number>);
  return { rows, positions, values: interleave(columns, rows) };
}

/** Columns `[column][row]` as one row-major array. */
function interleave(columns: ReadonlyArray<ArrayLike<number>>, rows: number): Float64Array {
  const values = new Float64Array(rows * columns.length);
  columns.forEach((column, i) => {
    for (let row = 0; row < rows; row++) values[row * columns.length + i] = column[row]!;
  });
  return values;
}

/** A typed array's bytes as a Buffer view (no copy). */
function bytesOf(values: Float32Array | Float64Array | Int32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/** A blob as a fresh, aligned typed array (the blob's Buffer may sit at any offset of a shared pool). */
function float32Of(data: Buffer): Float32Array {
  const out = new Float32Array(data.byteLength / 4);
  new Uint8Array(out.buffer).set(data);
  return out;
}
function float64Of(data: Buffer): Float64Array {
  const out = new Float64Array(data.byteLength / 8);
  new Uint8Array(out.buffer).set(data);
  return out;
}
function int32Of(data: Buffer): Int32Array {
  const out = new Int32Array(data.byteLength / 4);
  new Uint8Array(out.buffer).set(data);
  return out;
}

export class DatasetStore {
  constructor(private readonly db: Database.Database) {}

  /**
   * Stores an imported table in one transaction, or finds the dataset these bytes were imported as
   * before. Nothing is left behind when any insert fails, or when `beforeCommit` (called inside the
   * transaction after the last insert, e.g. to see whether the import was cancelled) throws.
   */
  saveImported(imported: ImportedTable, importedAt: string, beforeCommit?: () => void): { dataset: StoredDataset; reused: boolean } {
    const id = datasetIdFor(imported.hash);
    const { table } = imported;
    const insertColumn = this.db.prepare(
      `INSERT INTO dataset_columns (dataset_id, position, name, type, missing, data, precision) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    // IMMEDIATE: the hash check and the inserts under one write lock (an import worker may write beside main).
    const existingId = this.db.transaction((): string | undefined => {
      const existing = this.db.prepare(`SELECT id FROM datasets WHERE hash = ?`).get(imported.hash) as { id: string } | undefined;
      if (existing) return existing.id;
      this.db
        .prepare(
          `INSERT INTO datasets (id, hash, name, file_name, file_size, encoding, delimiter, decimal_comma, header, rows,
             plan, report, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          imported.hash,
          imported.fileName,
          imported.fileName,
          imported.fileSize,
          table.encoding,
          table.delimiter,
          table.decimalComma ? 1 : 0,
          table.header ? 1 : 0,
          table.rows,
          JSON.stringify(imported.stored),
          JSON.stringify(imported.report),
          importedAt,
        );
      table.columns.forEach((column, position) => {
        if (column.type === 'number') {
          const precision = column.values instanceof Float32Array ? 'float32' : 'float64';
          insertColumn.run(id, position, column.name, 'number', column.missing, bytesOf(column.values), precision);
        } else {
          insertColumn.run(id, position, column.name, 'text', column.missing, Buffer.from(JSON.stringify(column.values)), null);
        }
      });
      this.db.prepare(`INSERT INTO dataset_row_lines (dataset_id, data) VALUES (?, ?)`).run(id, bytesOf(table.rowLines));
      this.saveHeadRows(id, headRowsOf(table));
      beforeCommit?.();
      return undefined;
    }).immediate();
    if (existingId !== undefined) return { dataset: this.get(existingId), reused: true };
    return { dataset: this.get(id), reused: false };
  }

  /** Stores a user's column settings as a config derived from a dataset (the same settings reuse one config). */
  saveConfig(baseId: string, overrides: ColumnOverrides, stored: StoredPlan, createdAt: string): StoredDataset {
    if (!this.findRow(baseId)) throw notFound(baseId);
    const id = configIdFor(baseId, overrides);
    this.db
      .prepare(`INSERT OR IGNORE INTO dataset_configs (id, dataset_id, overrides, plan, created_at) VALUES (?, ?, ?, ?, ?)`)
      .run(id, baseId, JSON.stringify(overrides), JSON.stringify(stored), createdAt);
    return this.get(id);
  }

  /** Every imported dataset, newest first (derived configs are reached through `get`). */
  list(): StoredDataset[] {
    const rows = this.db.prepare(`SELECT * FROM datasets ORDER BY created_at DESC, rowid DESC`).all() as DatasetRow[];
    return rows.map((row) => this.fromRows(row));
  }

  /** The dataset stored for these bytes, if any. */
  findByHash(hash: string): StoredDataset | undefined {
    const row = this.db.prepare(`SELECT * FROM datasets WHERE hash = ?`).get(hash) as DatasetRow | undefined;
    return row && this.fromRows(row);
  }

  has(id: string): boolean {
    return this.findRow(id) !== undefined || this.findConfig(id) !== undefined;
  }

  /** A dataset or a derived config by id; `not_found` otherwise. */
  get(id: string): StoredDataset {
    const row = this.findRow(id);
    if (row) return this.fromRows(row);
    const config = this.findConfig(id);
    const base = config && this.findRow(config.dataset_id);
    if (!config || !base) throw notFound(id);
    return this.fromRows(base, config);
  }

  /** One stored column whole, by its position in the file. */
  loadColumn(id: string, position: number): TableColumn {
    const c = this.db
      .prepare(`SELECT position, name, type, missing, data, precision FROM dataset_columns WHERE dataset_id = ? AND position = ?`)
      .get(this.get(id).baseId, position) as ColumnRow | undefined;
    if (!c) throw new ApiError({ code: 'not_found', message: `Dataset "${id}" has no column ${position}.` });
    return c.type === 'number'
      ? { type: 'number', name: c.name, missing: c.missing, values: c.precision === 'float32' ? float32Of(c.data) : float64Of(c.data) }
      : { type: 'text', name: c.name, missing: c.missing, values: JSON.parse(c.data.toString('utf8')) as Array<string | null> };
  }

  /**
   * A few rows of numeric columns, cut out of the column blobs by SQLite (`substr`, one span from the first row
   * wanted to the last), so no column is loaded whole into JavaScript: `[column][row]`, in the order given.
   */
  readNumericRows(id: string, positions: readonly number[], rows: readonly number[]): Float64Array[] {
    const { baseId } = this.get(id);
    const head = this.headRows(baseId);
    if (head && rows.every((row) => row < head.rows)) {
      const index = new Map(head.positions.map((position, i) => [position, i]));
      return positions.map((position) => {
        const at = index.get(position);
        if (at === undefined) throw new ApiError({ code: 'not_found', message: `Dataset "${id}" has no numeric column ${position}.` });
        return Float64Array.from(rows, (row) => head.values[row * head.positions.length + at]!);
      });
    }
    const columns = this.readNumericRowsFromColumns(baseId, id, positions, rows);
    // A dataset imported before the head rows were kept gets them now, so the next preview is quick.
    if (!head) this.saveHeadRows(baseId, this.headRowsFromColumns(baseId, id));
    return columns;
  }

  /** The first rows of every numeric column (see `dataset_head_rows`), or undefined when they are not stored. */
  private headRows(baseId: string): HeadRows | undefined {
    const row = this.db.prepare(`SELECT rows, positions, data FROM dataset_head_rows WHERE dataset_id = ?`).get(baseId) as
      | { rows: number; positions: string; data: Buffer }
      | undefined;
    return row && { rows: row.rows, positions: JSON.parse(row.positions) as number[], values: float64Of(row.data) };
  }

  private saveHeadRows(baseId: string, head: HeadRows): void {
    this.db
      .prepare(`INSERT OR REPLACE INTO dataset_head_rows (dataset_id, rows, positions, data) VALUES (?, ?, ?, ?)`)
      .run(baseId, head.rows, JSON.stringify(head.positions), bytesOf(head.values));
  }

  private headRowsFromColumns(baseId: string, id: string): HeadRows {
    const positions = (this.db.prepare(`SELECT position FROM dataset_columns WHERE dataset_id = ? AND type = 'number' ORDER BY position`).all(baseId) as { position: number }[]).map((r) => r.position);
    const rows = Math.min(headRowCount, this.get(id).info.rows);
    const columns = this.readNumericRowsFromColumns(baseId, id, positions, Array.from({ length: rows }, (_, row) => row));
    return { rows, positions, values: interleave(columns, rows) };
  }

  private readNumericRowsFromColumns(baseId: string, id: string, positions: readonly number[], rows: readonly number[]): Float64Array[] {
    const first = rows.length ? Math.min(...rows) : 0;
    const span = rows.length ? Math.max(...rows) - first + 1 : 0;
    const found = new Map<number, Float64Array>();
    const statement = this.db
      .prepare(
        `SELECT position, precision, substr(data, ? * (CASE precision WHEN 'float32' THEN 4 ELSE 8 END) + 1,
           ? * (CASE precision WHEN 'float32' THEN 4 ELSE 8 END)) AS cut
         FROM dataset_columns WHERE dataset_id = ? AND type = 'number' AND position IN (SELECT value FROM json_each(?))`,
      )
      .raw();
    for (const [position, precision, cut] of statement.iterate(first, span, baseId, JSON.stringify(positions)) as Iterable<[number, string, Buffer]>) {
      const read = (row: number): number => (precision === 'float32' ? cut.readFloatLE((row - first) * 4) : cut.readDoubleLE((row - first) * 8));
      found.set(position, Float64Array.from(rows, read));
    }
    return positions.map((position) => {
      const values = found.get(position);
      if (!values) throw new ApiError({ code: 'not_found', message: `Dataset "${id}" has no numeric column ${position}.` });
      return values;
    });
  }

  /** The stored rows of a dataset (or of a derived config's base) as the reader produced them. */
  loadTable(id: string): ParsedTable {
    const { baseId } = this.get(id);
    const row = this.findRow(baseId)!;
    // One blob at a time (iterate, not all): each is copied into an aligned typed array and let go, so a
    // large table is not held twice.
    const columns: TableColumn[] = [];
    const rows = this.db
      .prepare(`SELECT position, name, type, missing, data, precision FROM dataset_columns WHERE dataset_id = ? ORDER BY position`)
      .iterate(baseId) as IterableIterator<ColumnRow>;
    for (const c of rows) {
      columns.push(
        c.type === 'number'
          ? { type: 'number', name: c.name, missing: c.missing, values: c.precision === 'float32' ? float32Of(c.data) : float64Of(c.data) }
          : { type: 'text', name: c.name, missing: c.missing, values: JSON.parse(c.data.toString('utf8')) as Array<string | null> },
      );
    }
    const lines = this.db.prepare(`SELECT data FROM dataset_row_lines WHERE dataset_id = ?`).get(baseId) as { data: Buffer };
    return {
      fileName: row.file_name,
      encoding: row.encoding as CsvEncoding,
      delimiter: row.delimiter as CsvDelimiter,
      decimalComma: row.decimal_comma === 1,
      header: row.header === 1,
      rows: row.rows,
      columns,
      rowLines: int32Of(lines.data),
    };
  }

  /**
   * Deletes a dataset with its configs, or one derived config. Refused while a run refers to it: a run
   * must always find the data it was trained on.
   */
  delete(id: string): void {
    const isBase = this.findRow(id) !== undefined;
    if (!isBase && !this.findConfig(id)) throw notFound(id);
    const ids = isBase
      ? [id, ...(this.db.prepare(`SELECT id FROM dataset_configs WHERE dataset_id = ?`).all(id) as { id: string }[]).map((r) => r.id)]
      : [id];
    this.db.transaction(() => {
      const placeholders = ids.map(() => '?').join(', ');
      const used = this.db.prepare(`SELECT COUNT(*) AS n FROM runs WHERE dataset_id IN (${placeholders})`).get(...ids) as { n: number };
      if (used.n > 0) {
        throw new ApiError({
          code: 'conflict',
          field: 'id',
          message: `${this.get(id).info.name} is used by ${used.n} run${used.n === 1 ? '' : 's'}; delete ${used.n === 1 ? 'that run' : 'those runs'} first.`,
        });
      }
      if (isBase) this.db.prepare(`DELETE FROM datasets WHERE id = ?`).run(id);
      else this.db.prepare(`DELETE FROM dataset_configs WHERE id = ?`).run(id);
    })();
  }

  /** Rows in each dataset table, for checks that nothing was half-written. */
  counts(): Record<'datasets' | 'dataset_columns' | 'dataset_row_lines' | 'dataset_configs', number> {
    const count = (table: string): number => (this.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      datasets: count('datasets'),
      dataset_columns: count('dataset_columns'),
      dataset_row_lines: count('dataset_row_lines'),
      dataset_configs: count('dataset_configs'),
    };
  }

  private findRow(id: string): DatasetRow | undefined {
    return this.db.prepare(`SELECT * FROM datasets WHERE id = ?`).get(id) as DatasetRow | undefined;
  }

  private findConfig(id: string): ConfigRow | undefined {
    return this.db.prepare(`SELECT * FROM dataset_configs WHERE id = ?`).get(id) as ConfigRow | undefined;
  }

  private fromRows(row: DatasetRow, config?: ConfigRow): StoredDataset {
    const stored = JSON.parse(config ? config.plan : row.plan) as StoredPlan;
    const { plan, inputShape } = stored;
    const overrides = config ? (JSON.parse(config.overrides) as ColumnOverrides) : undefined;
    const features = inputShape.reduce((a, b) => a * b, 1);
    const target = plan.target.names.join(', ');
    const info: DatasetInfo = {
      id: config ? config.id : row.id,
      name: config ? `${row.name} (${target}, ${plan.target.task})` : row.name,
      description: `Imported from ${row.file_name}: ${row.rows} rows, ${plan.columns.length} columns; target ${target} (${plan.target.task}).`,
      task: plan.target.task,
      rows: row.rows,
      features,
      inputShape,
      source: {
        kind: 'imported',
        fileName: row.file_name,
        fileSize: row.file_size,
        encoding: row.encoding,
        delimiter: row.delimiter,
        hash: row.hash,
        importedAt: row.created_at,
        baseId: row.id,
        ...(overrides ? { overrides } : {}),
      },
    };
    if (plan.target.classes) info.classes = plan.target.classes;
    const report = stored.report ?? (JSON.parse(row.report) as DatasetReport);
    return { info, stored, report, baseId: row.id };
  }
}

import { ApiError } from '../../contract/api-error';
import type { TensorData } from '../training-data';
import type { ParsedTable, TableColumn } from '../csv/csv-table';
import type { ApplyReport, FeatureTransform, PreprocessorState } from './preprocessor-state';

export interface ApplyOptions {
  /** Table rows to transform (default: all), e.g. one part of a split. */
  rows?: ArrayLike<number>;
  /** Encode the target too (default: when the table has the target columns). */
  withTarget?: boolean;
}

export interface AppliedData {
  /** x (rows, ...inputShape); y (rows, targetWidth), empty without a target. */
  data: TensorData;
  /** The table row of each output row (dropped rows are absent). */
  rows: Int32Array;
  report: ApplyReport;
}

const MAX_DROPPED_LINES = 10;

function columnByName(table: ParsedTable, name: string, role: string): TableColumn {
  const column = table.columns.find((c) => c.name === name);
  if (!column) {
    throw new ApiError({
      code: 'bad_input',
      message: `${table.fileName}: there is no column '${name}' (the ${role} the model was trained with)`,
      file: table.fileName,
      field: name,
    });
  }
  return column;
}

/**
 * A cell as a number: NaN when missing (an infinite number too: a table stored before the reader made them
 * missing may hold one), undefined when it is text that is not a number.
 */
function numberAt(column: TableColumn, row: number): number | undefined {
  const v = column.values[row];
  if (typeof v === 'number') return v - v === 0 ? v : NaN;
  if (v === null || v === undefined) return NaN;
  const x = Number(v.trim());
  return v.trim() !== '' && Number.isFinite(x) ? x : undefined;
}

function textAt(column: TableColumn, row: number): string | null {
  const v = column.values[row];
  if (typeof v === 'string') return v;
  return v === null || v === undefined || v - v !== 0 ? null : String(v);
}

class Unseen {
  private readonly seen = new Map<string, { column: string; value: string; count: number; firstLine: number }>();
  note(column: string, value: string, line: number): void {
    const key = `${column}\u0000${value}`;
    const entry = this.seen.get(key);
    if (entry) entry.count++;
    else this.seen.set(key, { column, value, count: 1, firstLine: line });
  }
  list(): ApplyReport['unseen'] {
    return [...this.seen.values()];
  }
}

/**
 * The last guard before a network sees the data: a value that is not finite (a pixel of a stored table that held
 * an infinity, a scale that overflowed) is refused, naming the file, its line and the column.
 */
function refuseNonFinite(table: ParsedTable, state: PreprocessorState, rows: Int32Array, values: Float32Array, stride: number, role: 'feature' | 'target'): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v - v === 0) continue;
    const r = Math.floor(i / stride);
    const name = role === 'target' ? state.target.columns[Math.min(i % stride, state.target.columns.length - 1)]! : columnOfInput(state, i % stride);
    const column = table.columns.findIndex((c) => c.name === name);
    throw new ApiError({
      code: 'bad_input',
      message: `${table.fileName}: line ${table.rowLines[rows[r]!]}, column ${column + 1} ('${name}'): ${role === 'target' ? 'the target' : 'a feature'} is ${v} after preprocessing; NN Lab trains only on finite numbers`,
      file: table.fileName,
      line: table.rowLines[rows[r]!]!,
      column: column + 1,
      field: name,
    });
  }
}

/** The table column behind position k of x. */
function columnOfInput(state: PreprocessorState, k: number): string {
  for (const t of state.features) {
    const w = width(t);
    if (k < w) return t.kind === 'pixels' ? t.columns[k]! : t.column;
    k -= w;
  }
  return '?';
}

/** The width of a transform's output in x. */
function width(transform: FeatureTransform): number {
  if (transform.kind === 'categorical') return transform.categories.length;
  if (transform.kind === 'pixels') return transform.columns.length;
  return 1;
}

/**
 * Applies a fitted preprocessor to a table (the training file or a new one): scales, fills or drops
 * missing values, one-hot encodes, maps class names to indices. Unseen categories and classes are
 * reported, never fatal; a column the model needs but the file lacks is refused.
 */
export function applyPreprocessor(state: PreprocessorState, table: ParsedTable, options: ApplyOptions = {}): AppliedData {
  const featureColumns = state.features.map((t) =>
    t.kind === 'pixels' ? t.columns.map((name) => columnByName(table, name, 'pixel column')) : [columnByName(table, t.column, 'feature')],
  );
  const hasTarget = state.target.columns.every((name) => table.columns.some((c) => c.name === name));
  const withTarget = options.withTarget ?? hasTarget;
  const targetColumns = withTarget ? state.target.columns.map((name) => columnByName(table, name, 'target')) : [];
  const candidates = options.rows ?? Int32Array.from({ length: table.rows }, (_, i) => i);
  const unseen = new Unseen();
  const classIndex = new Map((state.target.classes ?? []).map((name, i) => [name, i]));

  // Which rows survive: a missing value under the drop policy, or a missing/unknown target, drops a row.
  const keep = new Uint8Array(candidates.length).fill(1);
  const dropForMissing = state.missing === 'drop';
  state.features.forEach((t, f) => {
    for (const column of featureColumns[f]!) {
      if (column.type === 'number' && column.missing === 0) continue;
      for (let i = 0; i < candidates.length; i++) {
        const row = candidates[i]!;
        const missing = t.kind === 'numeric' || t.kind === 'pixels' ? numberAt(column, row) !== numberAt(column, row) : textAt(column, row) === null;
        if (missing && (dropForMissing || t.kind === 'pixels')) keep[i] = 0;
      }
    }
  });
  const targetWidth = state.target.task === 'classification' ? 1 : state.target.columns.length;
  if (withTarget) {
    for (let i = 0; i < candidates.length; i++) {
      const row = candidates[i]!;
      for (const column of targetColumns) {
        const text = textAt(column, row);
        if (text === null) keep[i] = 0;
        else if (state.target.task === 'classification' && !classIndex.has(text)) {
          keep[i] = 0;
          unseen.note(column.name, text, table.rowLines[row]!);
        }
      }
    }
  }
  const kept: number[] = [];
  const droppedLines: number[] = [];
  for (let i = 0; i < candidates.length; i++) {
    if (keep[i]) kept.push(candidates[i]!);
    else if (droppedLines.length < MAX_DROPPED_LINES) droppedLines.push(table.rowLines[candidates[i]!]!);
  }
  const rows = Int32Array.from(kept);
  const n = rows.length;
  const stride = state.features.reduce((sum, t) => sum + width(t), 0);
  const x = new Float32Array(n * stride); // (n, stride) = (n, ...inputShape)
  let imputed = 0;
  let offset = 0;
  state.features.forEach((t, f) => {
    const columns = featureColumns[f]!;
    if (t.kind === 'pixels') {
      const inverse = 1 / t.pixelScale;
      const pixels = columns.map((column) => column.values as ArrayLike<number>);
      const count = pixels.length;
      // Row by row: x is written in order, and each column's next value shares a cache line.
      for (let r = 0; r < n; r++) {
        const row = rows[r]!;
        const at = r * stride + offset;
        for (let p = 0; p < count; p++) x[at + p] = pixels[p]![row]! * inverse;
      }
    } else {
      const column = columns[0]!;
      for (let r = 0; r < n; r++) {
        const row = rows[r]!;
        const at = r * stride + offset;
        if (t.kind === 'numeric') {
          let v = numberAt(column, row);
          if (v === undefined) {
            unseen.note(t.column, textAt(column, row) ?? '', table.rowLines[row]!);
            v = NaN;
          }
          if (v !== v) {
            v = t.fill ?? 0;
            imputed++;
          }
          x[at] = (v - t.offset) / t.scale;
        } else if (t.kind === 'boolean') {
          const text = textAt(column, row);
          if (text === null) {
            x[at] = t.fill ?? 0;
            imputed++;
          } else {
            const word = text.trim().toLowerCase();
            if (word === t.trueWord.trim().toLowerCase()) x[at] = 1;
            else if (word !== t.falseWord.trim().toLowerCase()) unseen.note(t.column, text, table.rowLines[row]!);
          }
        } else {
          let text = textAt(column, row);
          if (text === null) {
            text = t.fill;
            imputed++;
          }
          const k = text === null ? -1 : t.categories.indexOf(text);
          if (k >= 0) x[at + k] = 1;
          else if (text !== null) unseen.note(t.column, text, table.rowLines[row]!);
        }
      }
    }
    offset += width(t);
  });

  const y = new Float32Array(withTarget ? n * targetWidth : 0); // (n, targetWidth)
  if (withTarget) {
    for (let r = 0; r < n; r++) {
      const row = rows[r]!;
      targetColumns.forEach((column, j) => {
        if (state.target.task === 'classification') y[r] = classIndex.get(textAt(column, row)!)!;
        else {
          const v = numberAt(column, row);
          if (v !== undefined) y[r * targetWidth + j] = v;
          else y[r * targetWidth + j] = ['true', 'yes'].includes(String(textAt(column, row)).trim().toLowerCase()) ? 1 : 0;
        }
      });
    }
  }
  refuseNonFinite(table, state, rows, x, stride, 'feature');
  refuseNonFinite(table, state, rows, y, targetWidth, 'target');
  return {
    data: { x, y, rows: n },
    rows,
    report: { droppedRows: candidates.length - n, droppedLines, imputed, unseen: unseen.list() },
  };
}

import { ApiError } from '../../contract/api-error';
import type { TaskKind } from '../../contract/run-config';
import type { ParsedTable, TableColumn } from '../csv/csv-table';
import type { ColumnInfo, ColumnKind, DatasetPlan, ImagePlan, TargetPlan } from './column-plan';
import type { InferOptions } from './infer-options';
import { columnStats, type ColumnStats } from './column-stats';
import { detectImage } from './image-columns';
import { booleanCategories, isFeatureKind, sortCategories, typeColumn, type ColumnTyping } from './type-column';

/** Target names picked without being asked, in this order of preference (case-insensitive). */
const targetNames = ['label', 'target', 'class', 'y'];
/** A numeric target with at most this many distinct integers is read as classes. */
const MAX_INTEGER_CLASSES = 20;
const MAX_CLASSES = 1000;

function refuse(table: ParsedTable, message: string, extra: { line?: number; column?: number; field?: string } = {}): ApiError {
  const where = extra.line !== undefined ? `line ${extra.line}${extra.column !== undefined ? `, column ${extra.column}` : ''}: ` : '';
  return new ApiError({ code: 'bad_input', message: `${table.fileName}: ${where}${message}`, file: table.fileName, ...extra });
}

function indexOfColumn(table: ParsedTable, name: string, field: string): number {
  const index = table.columns.findIndex((c) => c.name === name);
  if (index < 0) {
    const known = table.columns.map((c) => c.name);
    const list = known.length > 12 ? `${known.slice(0, 12).join(', ')}, ...` : known.join(', ');
    throw refuse(table, `there is no column '${name}' (columns: ${list})`, { field });
  }
  return index;
}

/** The sorted distinct values of a column as class names (numbers in numeric order). */
function distinctValues(column: TableColumn): string[] {
  if (column.type === 'text') {
    const seen = new Set<string>();
    for (const v of column.values) if (v !== null) seen.add(v);
    return sortCategories(seen);
  }
  const seen = new Set<number>();
  for (let i = 0; i < column.values.length; i++) {
    const v = column.values[i]!;
    if (v === v) seen.add(v);
    if (seen.size > MAX_CLASSES) break;
  }
  return [...seen].sort((a, b) => a - b).map(String);
}

function applyKindOverride(table: ParsedTable, index: number, kind: ColumnKind, stats: ColumnStats): ColumnTyping {
  const column = table.columns[index]!;
  const reason = 'set by you';
  if (kind === 'numeric' && column.type === 'text') {
    const row = column.values.findIndex((v) => v !== null);
    const line = table.rowLines[row];
    throw refuse(table, `column '${column.name}' holds text ('${column.values[row]}'), so it cannot be numeric`, {
      ...(line !== undefined ? { line } : {}),
      column: index + 1,
      field: `kinds.${column.name}`,
    });
  }
  if (kind === 'categorical') return { kind, reason, categories: distinctValues(column) };
  if (kind === 'boolean') {
    const categories = column.type === 'text' ? booleanCategories(stats) : stats.min === 0 && stats.max === 1 ? ['0', '1'] : undefined;
    if (!categories) {
      throw refuse(table, `column '${column.name}' is not true/false, yes/no or 0/1, so it cannot be boolean`, {
        field: `kinds.${column.name}`,
      });
    }
    return { kind, reason, categories };
  }
  return { kind, reason };
}

/** Picks the target: the user's, a column named label/target/class/y, an image's label column, or the last column. */
function chooseTargets(table: ParsedTable, stats: ColumnStats[], options: InferOptions): { targets: number[]; image?: ImagePlan } {
  const all = table.columns.map((_, i) => i);
  const imageFor = (targets: number[]): ImagePlan | undefined =>
    detectImage(table, stats, all.filter((i) => !targets.includes(i)), options.imageShape);
  if (options.target !== undefined) {
    const names = Array.isArray(options.target) ? options.target : [options.target];
    const targets = names.map((name) => indexOfColumn(table, name, 'target'));
    return { targets, image: imageFor(targets) };
  }
  for (const wanted of targetNames) {
    const index = table.columns.findIndex((c) => c.name.trim().toLowerCase() === wanted);
    if (index >= 0) return { targets: [index], image: imageFor([index]) };
  }
  // MNIST-style files without a header: the label comes first, then the pixels.
  const firstAsLabel = imageFor([0]);
  if (firstAsLabel && stats[0]!.integer && stats[0]!.distinct <= MAX_INTEGER_CLASSES) return { targets: [0], image: firstAsLabel };
  const last = table.columns.length - 1;
  return { targets: [last], image: imageFor([last]) };
}

function inferTask(table: ParsedTable, targets: number[], stats: ColumnStats[], typings: ColumnTyping[]): TaskKind {
  if (targets.length > 1) {
    const binary = targets.every((t) => {
      const s = stats[t]!;
      return typings[t]!.kind === 'boolean' || (table.columns[t]!.type === 'number' && s.integer && s.min! >= 0 && s.max! <= 1);
    });
    return binary ? 'multilabel' : 'regression';
  }
  const t = targets[0]!;
  const column = table.columns[t]!;
  if (column.type === 'text') return 'classification';
  const s = stats[t]!;
  return s.integer && s.distinct <= MAX_INTEGER_CLASSES ? 'classification' : 'regression';
}

function planClasses(table: ParsedTable, target: number, options: InferOptions): string[] {
  const column = table.columns[target]!;
  const present = distinctValues(column);
  if (present.length > MAX_CLASSES) {
    throw refuse(table, `the target '${column.name}' has more than ${MAX_CLASSES} distinct values: too many classes (is it a regression target?)`, {
      column: target + 1,
      field: 'target',
    });
  }
  let classes = present;
  if (options.classes) {
    classes = options.classes.map(String);
    const known = new Set(classes);
    const numeric = column.type === 'number';
    const knownNumbers = new Set(options.classes.map(Number));
    for (let row = 0; row < table.rows; row++) {
      const v = column.values[row];
      const ok = numeric ? v !== v || knownNumbers.has(v as number) : v === null || known.has(v as string);
      if (!ok) {
        throw refuse(table, `the target value '${v}' is not one of the classes you listed (${classes.join(', ')})`, {
          line: table.rowLines[row]!,
          column: target + 1,
          field: 'classes',
        });
      }
    }
    if (numeric) classes = options.classes.map((c) => String(Number(c)));
  }
  if (present.length < 2) {
    throw refuse(
      table,
      present.length === 0
        ? `the target '${column.name}' has no values`
        : `the target '${column.name}' has one class ('${present[0]}'): a classifier needs at least two`,
      { column: target + 1, field: 'target' },
    );
  }
  return classes;
}

function imageReason(image: ImagePlan): string {
  const [c, h, w] = image.shape;
  return `pixel of a ${c}×${h}×${w} image, scaled by 1/${image.pixelScale}`;
}

/**
 * Types every column (with the reason), picks the target and the task, and recognises image rows.
 * Throws ApiError('bad_input') for a target that cannot be used (one class, text for regression,
 * an unknown column name) and for overrides that do not fit the data.
 */
export function inferColumns(table: ParsedTable, options: InferOptions = {}): DatasetPlan {
  const stats = table.columns.map(columnStats);
  const typings = table.columns.map((column, i) => {
    const override = options.kinds?.[column.name];
    return override ? applyKindOverride(table, i, override, stats[i]!) : typeColumn(column, stats[i]!, table.rows);
  });
  for (const name of Object.keys(options.kinds ?? {})) indexOfColumn(table, name, `kinds.${name}`);
  for (const name of Object.keys(options.use ?? {})) indexOfColumn(table, name, `use.${name}`);

  const { targets, image } = chooseTargets(table, stats, options);
  if (options.imageShape && !image) {
    const [c, h, w] = options.imageShape;
    throw refuse(table, `the image shape ${c}×${h}×${w} = ${c * h * w} does not match ${table.columns.length - targets.length} pixel columns of values 0..255 or 0..1`, {
      field: 'imageShape',
    });
  }
  const task = options.task ?? inferTask(table, targets, stats, typings);
  const first = targets[0]!;
  for (const t of targets) {
    const column = table.columns[t]!;
    if (task !== 'classification' && column.type === 'text' && typings[t]!.kind !== 'boolean') {
      throw refuse(table, `the target '${column.name}' holds text, so the task cannot be ${task}`, { column: t + 1, field: 'task' });
    }
    if (stats[t]!.present === 0) throw refuse(table, `the target '${column.name}' has no values`, { column: t + 1, field: 'target' });
  }
  if (task === 'classification' && targets.length > 1) {
    throw refuse(table, 'several target columns make a multilabel or regression task, not classification', { field: 'task' });
  }
  const target: TargetPlan = {
    names: targets.map((t) => table.columns[t]!.name),
    task,
    missing: 0,
  };
  if (task === 'classification') target.classes = planClasses(table, first, options);
  if (task === 'multilabel') target.classes = [...target.names];
  for (let row = 0; row < table.rows; row++) {
    if (targets.some((t) => isMissingAt(table.columns[t]!, row))) target.missing++;
  }

  const columns: ColumnInfo[] = table.columns.map((column, i) => {
    const s = stats[i]!;
    const typing = typings[i]!;
    let use: ColumnInfo['use'];
    let reason = typing.reason;
    if (targets.includes(i)) {
      use = 'target';
      reason = `${options.target !== undefined ? 'target set by you' : 'target'}: ${task}`;
    } else if (image) {
      use = 'feature';
      reason = imageReason(image);
    } else {
      use = isFeatureKind(typing.kind) ? 'feature' : 'excluded';
    }
    const override = options.use?.[column.name];
    if (override && use !== 'target') {
      let kind = typing.kind;
      if (override === 'feature' && !isFeatureKind(kind) && !image) {
        // A numeric id, constant or sparse column can still be fed as numbers; text needs a kind.
        if (column.type !== 'number') {
          throw refuse(table, `column '${column.name}' is ${typing.kind}; set its kind to categorical or boolean to use it as a feature`, {
            field: `use.${column.name}`,
          });
        }
        kind = 'numeric';
      }
      use = override;
      reason = `${override === 'feature' ? 'used' : 'excluded'} by you (${typing.reason})`;
      typings[i] = { ...typing, kind };
    }
    const info: ColumnInfo = { name: column.name, index: i, kind: typings[i]!.kind, use, reason, missing: s.missing, distinct: s.distinct };
    if (column.type === 'number' && s.present > 0) {
      Object.assign(info, { min: s.min, max: s.max, mean: s.mean, std: s.std, integer: s.integer });
    }
    if (typing.categories) info.categories = typing.categories;
    return info;
  });
  if (!columns.some((c) => c.use === 'feature')) {
    throw refuse(table, 'no column can be used as a feature (every other column is excluded: see the reasons with `nn-lab inspect`)', {
      field: 'columns',
    });
  }
  return { fileName: table.fileName, rows: table.rows, columns, target, ...(image ? { image } : {}) };
}

export function isMissingAt(column: TableColumn, row: number): boolean {
  const v = column.values[row];
  return v === null || v === undefined || (typeof v === 'number' && v !== v);
}

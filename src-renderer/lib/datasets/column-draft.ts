import type { RequestArgs } from '../../../src-core/contract/api';
import type { TaskKind } from '../../../src-core/contract/run-config';
import type { ColumnKind, ColumnUse, DatasetPlan } from '../../../src-core/data/columns/column-plan';

/** The doctor's editable copy of a dataset's column settings, before the user applies it. */
export interface ColumnDraft {
  task: TaskKind;
  columns: Array<{ name: string; kind: ColumnKind; use: ColumnUse }>;
}

export type UpdateColumnsArgs = RequestArgs<'datasets.update-columns'>;

export function draftFromPlan(plan: DatasetPlan): ColumnDraft {
  return { task: plan.target.task, columns: plan.columns.map(({ name, kind, use }) => ({ name, kind, use })) };
}

/** Why the draft cannot be applied, or null when it can: a model needs a target and at least one feature. */
export function draftProblem(draft: ColumnDraft): string | null {
  if (!draft.columns.some((c) => c.use === 'target')) return 'Pick a target column: the answer the model learns to give.';
  if (!draft.columns.some((c) => c.use === 'feature')) return 'Keep at least one feature column: the model needs something to learn from.';
  return null;
}

/**
 * The `datasets.update-columns` arguments that turn `plan` into `draft`: only what the user changed (the service
 * keeps the dataset's earlier overrides). Null when nothing changed.
 */
export function overridesFromDraft(id: string, plan: DatasetPlan, draft: ColumnDraft): UpdateColumnsArgs | null {
  const args: UpdateColumnsArgs = { id };
  const before = new Map(plan.columns.map((c) => [c.name, c]));
  const targets = draft.columns.filter((c) => c.use === 'target').map((c) => c.name);
  const targetChanged = targets.join('\u0000') !== plan.target.names.join('\u0000');
  if (targetChanged) args.target = targets.length === 1 ? targets[0]! : targets;
  if (draft.task !== plan.target.task) args.task = draft.task;
  const kinds: Record<string, ColumnKind> = {};
  const use: Record<string, 'feature' | 'excluded'> = {};
  for (const column of draft.columns) {
    const old = before.get(column.name);
    if (!old) continue;
    if (column.kind !== old.kind) kinds[column.name] = column.kind;
    // Changed uses only; a column that stops being the target says what it becomes.
    if (column.use !== 'target' && column.use !== old.use) use[column.name] = column.use;
  }
  if (Object.keys(kinds).length) args.kinds = kinds;
  if (Object.keys(use).length) args.use = use;
  return Object.keys(args).length > 1 ? args : null;
}

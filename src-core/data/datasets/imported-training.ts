import type { TrainingData } from '../training-data';
import type { DatasetPlan } from '../columns/column-plan';
import type { ParsedTable } from '../csv/csv-table';
import { buildDataset, type BuildOptions, type BuiltDataset } from '../preprocess/build-dataset';
import type { DataSetup } from '../../contract/run-config';
import { fitPreprocessor } from '../preprocess/fit-preprocessor';
import { isMissingAt } from '../columns/infer-columns';
import { splitRows } from '../split';

/**
 * How the app trains on an imported dataset: a fixed, seeded, stratified split (so every run on the
 * dataset sees the same training rows and the network's input width is known before training), and the
 * preprocessor fitted on the training rows only.
 */
export const importedSplit = { validation: 0.2, seed: 42 } as const;

/** The network's per-sample input shape for a plan: the fitted preprocessor's, without transforming any row. */
export function plannedInputShape(table: ParsedTable, plan: DatasetPlan): number[] {
  if (plan.image) return [...plan.image.shape];
  const targets = plan.target.names.map((name) => table.columns.find((c) => c.name === name)!);
  const usable: number[] = [];
  for (let row = 0; row < table.rows; row++) if (!targets.some((c) => isMissingAt(c, row))) usable.push(row);
  let strata: Int32Array | undefined;
  if (plan.target.task === 'classification') {
    const index = new Map(plan.target.classes!.map((name, i) => [name, i]));
    strata = Int32Array.from(usable, (row) => index.get(String(targets[0]!.values[row])) ?? -1);
  }
  const split = splitRows({ rows: usable, seed: importedSplit.seed, validation: importedSplit.validation, ...(strata ? { strata } : {}) });
  return fitPreprocessor(table, plan, split.train).inputShape;
}

/**
 * The training and validation tensors of an imported dataset (and its held-out test rows), with the fitted
 * preprocessor: the app's fixed split unless a run's data set-up says otherwise.
 */
export function importedTrainingData(table: ParsedTable, plan: DatasetPlan, setup?: DataSetup): BuiltDataset & { training: TrainingData } {
  return buildDataset(table, plan, buildOptionsOf(setup));
}

/** A run's data set-up as the options of buildDataset (the seed stays the app's, so a split is repeatable). */
export function buildOptionsOf(setup: DataSetup | undefined): BuildOptions {
  const columns = Object.entries(setup?.columns ?? {});
  const columnScale = Object.fromEntries(columns.flatMap(([name, c]) => (c.scaling ? [[name, c.scaling]] : [])));
  const columnMissing = Object.fromEntries(columns.flatMap(([name, c]) => (c.missing ? [[name, c.missing]] : [])));
  return {
    seed: importedSplit.seed,
    validation: setup?.validation ?? importedSplit.validation,
    ...(setup?.test ? { test: setup.test } : {}),
    ...(setup?.stratified === false ? { stratified: false } : {}),
    ...(columns.length ? { columnScale, columnMissing } : {}),
  };
}

import type { DatasetPlan } from '../../src-core/data/columns/column-plan';
import type { InferOptions } from '../../src-core/data/columns/infer-options';
import { inferColumns } from '../../src-core/data/columns/infer-columns';
import type { ParseCsvOptions, ParsedTable } from '../../src-core/data/csv/csv-table';
import type { DatasetReport } from '../../src-core/data/doctor/dataset-report';
import { diagnoseDataset } from '../../src-core/data/doctor/diagnose-dataset';
import { inspectSummary, type InspectSummary } from '../../src-core/data/doctor/inspect-summary';
import { readCsvFile } from './read-csv-file';

export interface InspectedCsv {
  table: ParsedTable;
  plan: DatasetPlan;
  report: DatasetReport;
  /** The JSON `nn-lab inspect --json` prints. */
  summary: InspectSummary;
}

/** Reads a CSV file, types its columns, picks target and task, and runs the dataset doctor. */
export async function inspectCsvFile(
  path: string,
  options: Omit<ParseCsvOptions, 'fileName'> & { cwd?: string; infer?: InferOptions } = {},
): Promise<InspectedCsv> {
  const { infer, ...readOptions } = options;
  const table = await readCsvFile(path, readOptions);
  const plan = inferColumns(table, infer);
  const report = diagnoseDataset(table, plan);
  return { table, plan, report, summary: inspectSummary(table, plan, report) };
}

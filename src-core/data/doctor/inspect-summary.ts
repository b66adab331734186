import type { ImagePlan, DatasetPlan } from '../columns/column-plan';
import type { ParsedTable } from '../csv/csv-table';
import type { DatasetReport, DatasetWarning } from './dataset-report';

/** What `nn-lab inspect --json` prints, and what a UI needs to show a file before training. */
export interface InspectSummary {
  rows: number;
  delimiter: string;
  header: boolean;
  encoding: string;
  columns: Array<{
    name: string;
    kind: string;
    use: 'feature' | 'target' | 'excluded';
    reason?: string;
    missing: number;
    min?: number;
    max?: number;
    mean?: number;
    std?: number;
    categories?: string[];
  }>;
  /** `name` joins several target columns with ", "; `names` lists them. */
  target: { name: string; names: string[]; task: string; classes?: string[] };
  image?: ImagePlan;
  warnings: DatasetWarning[];
}

export function inspectSummary(table: ParsedTable, plan: DatasetPlan, report: DatasetReport): InspectSummary {
  return {
    rows: table.rows,
    delimiter: table.delimiter,
    header: table.header,
    encoding: table.encoding,
    columns: plan.columns.map((c) => ({
      name: c.name,
      kind: c.kind,
      use: c.use,
      reason: c.reason,
      missing: c.missing,
      ...(c.min !== undefined && Number.isFinite(c.min) ? { min: c.min, max: c.max!, mean: c.mean!, std: c.std! } : {}),
      ...(c.categories ? { categories: c.categories } : {}),
    })),
    target: {
      name: plan.target.names.join(', '),
      names: plan.target.names,
      task: plan.target.task,
      ...(plan.target.classes ? { classes: plan.target.classes } : {}),
    },
    ...(plan.image ? { image: plan.image } : {}),
    warnings: report.warnings,
  };
}

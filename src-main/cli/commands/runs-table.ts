import type { FullRun, RunSummary } from '../../../src-core/contract/training';
import { formatEpochLine } from './format-metrics';

const number = (v: number | undefined): string => (v === undefined ? '-' : Number.isFinite(v) ? v.toFixed(4) : String(v));

/** The run list as aligned columns: id, status, name, dataset, epochs, last loss and accuracy, tags. */
export function runsTable(runs: readonly RunSummary[]): string {
  if (runs.length === 0) return 'no runs\n';
  const rows = [
    ['ID', 'STATUS', 'NAME', 'DATASET', 'EPOCHS', 'LOSS', 'ACC', 'TAGS'],
    ...runs.map((r) => [r.id, r.status, r.name, r.datasetName, `${r.epochsDone}/${r.epochs}`, number(r.lastLoss), number(r.lastAccuracy), (r.tags ?? []).join(',')]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return `${rows.map((row) => row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n')}\n`;
}

/** One run: what it is, how it was configured, and one line per epoch. */
export function runDetailText(run: FullRun): string {
  const lines = [
    `run ${run.id}: ${run.name}`,
    `status    ${run.status}${run.error ? ` (${run.error})` : ''}`,
    `dataset   ${run.datasetName}${run.datasetHash ? ` [${run.datasetHash}]` : ''}`,
    `seed      ${run.seed}`,
    `created   ${run.createdAt}${run.finishedAt ? `, finished ${run.finishedAt}` : ''}`,
  ];
  if (run.parentRunId) lines.push(`parent    ${run.parentRunId}`);
  if (run.sweepId) lines.push(`sweep     ${run.sweepId}`);
  if (run.tags?.length) lines.push(`tags      ${run.tags.join(', ')}`);
  if (run.notes) lines.push(`notes     ${run.notes}`);
  if (run.kernels) lines.push(`kernels   ${run.kernels}${run.threads ? `, ${run.threads} thread${run.threads === 1 ? '' : 's'}` : ''}`);
  if (run.weights?.length) lines.push(`weights   ${run.weights.map((w) => `${w.kind} (epoch ${w.epoch})`).join(', ')}`);
  if (run.test) lines.push(`test      ${run.test.rows} held-out rows: loss ${number(run.test.loss)}${run.test.accuracy !== undefined ? `  acc ${number(run.test.accuracy)}` : ''}`);
  lines.push(`model     ${JSON.stringify(run.spec)}`, `train     ${JSON.stringify(run.train)}`, '');
  for (const m of run.metrics) lines.push(formatEpochLine(m, run.epochs));
  return `${lines.join('\n')}\n`;
}

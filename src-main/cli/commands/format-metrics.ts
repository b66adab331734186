import type { EpochMetrics } from '../../../src-core/contract/training';
import type { EvaluationReport } from './evaluation-report';

/** Four decimals for losses and accuracies; the learning rate in at most 4 significant digits. */
const fixed = (v: number): string => (Number.isFinite(v) ? v.toFixed(4) : String(v));
const rate = (v: number): string => String(Number(v.toPrecision(4)));

/** `epoch 3/20  loss 0.4123  acc 0.8812  val_loss 0.5012  val_acc 0.8000  lr 0.01  0.21s` */
export function formatEpochLine(m: EpochMetrics, epochs: number): string {
  const parts = [`epoch ${String(m.epoch).padStart(String(epochs).length)}/${epochs}`, `loss ${fixed(m.loss)}`];
  if (m.accuracy !== undefined) parts.push(`acc ${fixed(m.accuracy)}`);
  if (m.valLoss !== undefined) parts.push(`val_loss ${fixed(m.valLoss)}`);
  if (m.valAccuracy !== undefined) parts.push(`val_acc ${fixed(m.valAccuracy)}`);
  parts.push(`lr ${rate(m.lr)}`, `${m.seconds.toFixed(2)}s`);
  return parts.join('  ');
}

/** One line of test-split metrics. */
export function formatTestLine(report: EvaluationReport): string {
  const parts = [`test (${report.rows} rows)`];
  if (report.loss !== undefined) parts.push(`loss ${fixed(report.loss)}`);
  if (report.task === 'regression') parts.push(`mae ${fixed(report.mae)}`, `rmse ${fixed(report.rmse)}`, `r2 ${fixed(report.r2)}`);
  else parts.push(`acc ${fixed(report.accuracy)}`);
  if (report.task === 'classification') parts.push(`macro_f1 ${fixed(report.macroAvg.f1)}`);
  return parts.join('  ');
}

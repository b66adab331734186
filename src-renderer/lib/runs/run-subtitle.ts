import type { RunDetail, RunSummary } from '../../../src-core/contract/training';
import { describeTraining } from '../model/default-model';

/** The line under a run's name: its dataset, its epochs and, once its details are read, how it trains. */
export function runSubtitle(run: RunSummary, detail: RunDetail | null): string {
  const parts = [run.datasetName, `${run.epochs.toLocaleString('en-US')} epochs`];
  if (detail?.id === run.id) parts.push(describeTraining(detail.train, detail.seed));
  return parts.join(' · ');
}

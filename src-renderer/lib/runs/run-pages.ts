import type { LabApi } from '../../../src-core/contract/api';
import type { EpochMetrics } from '../../../src-core/contract/training';

/** Epochs a page: the most `runs.metrics` gives (a 100,000-epoch run in 10 asks rather than 100 of its default 1,000). */
export const METRICS_PAGE = 10_000;

/** Every stored epoch of a run, read page by page with `runs.metrics`. */
export async function loadRunMetrics(api: Pick<LabApi, 'runs.metrics'>, id: string): Promise<EpochMetrics[]> {
  const metrics: EpochMetrics[] = [];
  for (let from: number | undefined = 1; from !== undefined; ) {
    const page: Awaited<ReturnType<LabApi['runs.metrics']>> = await api['runs.metrics']({ id, from, limit: METRICS_PAGE });
    metrics.push(...page.metrics);
    from = page.next;
  }
  return metrics;
}

import type { LabApi } from '../../../src-core/contract/api';
import type { EpochMetrics } from '../../../src-core/contract/training';

/** Every stored epoch of a run, read page by page with `runs.metrics`. */
export async function loadRunMetrics(api: Pick<LabApi, 'runs.metrics'>, id: string): Promise<EpochMetrics[]> {
  const metrics: EpochMetrics[] = [];
  for (let from: number | undefined = 1; from !== undefined; ) {
    const page: Awaited<ReturnType<LabApi['runs.metrics']>> = await api['runs.metrics']({ id, from });
    metrics.push(...page.metrics);
    from = page.next;
  }
  return metrics;
}

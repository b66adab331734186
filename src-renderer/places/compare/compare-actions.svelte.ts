import type { MetricName } from '../../../src-core/compare/metric';
import type { LabApi } from '../../../src-core/contract/api';
import type { RunDraft } from '../../../src-core/contract/runs-api';
import type { SweepSpec } from '../../../src-core/sweep/sweep-spec';
import { api } from '../../lib/api/client';
import { describeError } from '../../lib/errors/describe-error';
import { router } from '../../shell/router.svelte';

type ActionApi = Pick<LabApi, 'sweeps.start-plan' | 'sweeps.start' | 'runs.rerun' | 'runs.fork' | 'runs.duplicate'>;

/**
 * The Compare place's experiments: repeat with N seeds, a paired A/B against a baseline, verify, fork, a sweep and
 * confirm the winner. Each starts real runs through the API (the plans are src-core's, run by the service) and
 * then opens Compare on the runs to look at; a refusal is kept in `error` for the place to show.
 */
export class CompareActionsStore {
  /** The action in flight (one at a time); its buttons are disabled meanwhile. */
  pending = $state<string | null>(null);
  error = $state<string | null>(null);

  constructor(
    private readonly api: ActionApi,
    /** Opens Compare on these runs; `vs`: the verdict's second side. */
    private readonly open: (runIds: string[], vs?: string[]) => void,
  ) {}

  private async act(name: string, start: () => Promise<string[] | { runIds: string[]; vs: string[] }>): Promise<boolean> {
    this.pending = name;
    this.error = null;
    try {
      const started = await start();
      if (Array.isArray(started)) this.open(started);
      else this.open(started.runIds, started.vs);
      return true;
    } catch (error) {
      this.error = describeError(error);
      return false;
    } finally {
      this.pending = null;
    }
  }

  /** "Repeat with N seeds": N copies on fresh seeds, compared with the run. */
  repeat(id: string, seeds: number): Promise<boolean> {
    return this.act('repeat', async () => (await this.api['sweeps.start-plan']({ plan: 'repeat', id, seeds })).compareIds);
  }

  /**
   * "Train the best with more seeds": N fresh seeds of the sweep's best point as one group, judged against the
   * point's own runs in the sweep (`group`, the best run among them).
   */
  trainBest(bestId: string, group: readonly string[], seeds: number): Promise<boolean> {
    return this.act('train-best', async () => {
      const started = await this.api['sweeps.start-plan']({ plan: 'repeat', id: bestId, seeds });
      return { runIds: [...started.sweep.runIds, ...group], vs: [...group] };
    });
  }

  /** "Compare with baseline": both on the same N fresh seeds, so the verdict is paired. */
  paired(id: string, baselineId: string, seeds: number): Promise<boolean> {
    return this.act('paired', async () => (await this.api['sweeps.start-plan']({ plan: 'paired', id, baselineId, seeds })).compareIds);
  }

  /** "Confirm the winner": the best `points` groups among `ids` on N fresh seeds each. */
  confirm(ids: readonly string[], metric: MetricName, points: number, seeds: number): Promise<boolean> {
    return this.act('confirm', async () => (await this.api['sweeps.start-plan']({ plan: 'confirm', ids: [...ids], metric, points, seeds })).compareIds);
  }

  /** "Verify": re-runs the run (same config and seed) beside the runs shown; the comparison says if it is bit-identical. */
  verify(id: string, shown: readonly string[]): Promise<boolean> {
    return this.act('verify', async () => [...shown, (await this.api['runs.rerun']({ id })).id]);
  }

  /** "Fork": from the run's state at `fromEpoch`, one setting changed, as its child; compared with it. */
  fork(id: string, changes: Record<string, number>, fromEpoch: number): Promise<boolean> {
    return this.act('fork', async () => [id, (await this.api['runs.fork']({ id, changes, fromEpoch })).id]);
  }

  /** A sweep around the run's config; compared on all its runs. */
  sweep(draft: RunDraft, name: string, sweep: SweepSpec): Promise<boolean> {
    return this.act('sweep', async () => (await this.api['sweeps.start']({ datasetId: draft.datasetId, name, spec: draft.spec, train: draft.train, sweep })).runIds);
  }

  /** The run's config to build a fork or sweep on; null (and the error shown) when it cannot be read. */
  async draft(id: string): Promise<RunDraft | null> {
    this.error = null;
    try {
      return await this.api['runs.duplicate']({ id });
    } catch (error) {
      this.error = describeError(error);
      return null;
    }
  }
}

export const compareActions = new CompareActionsStore(api, (runIds, vs) => router.go({ place: 'compare', runIds, ...(vs ? { vs } : {}) }));

import { z } from 'zod';
import type { ConfirmPoint } from '../compare/confirm-winner';
import { sweepSpecSchema } from '../sweep/sweep-spec';
import { runStartSchema } from './runs-api';
import { metricNames, type RunStatus } from './training';

/** Sweeps: one run per point of a grid or random search over a run's settings. */

const id = z.string().min(1).max(64);
const seedCount = z.number().int().min(1).max(100);

/**
 * A seed plan over stored runs (src-core/compare: seed-plans, confirm-winner), queued as one group of runs:
 * - `repeat`: the run's config on `seeds` fresh seeds ("Repeat with N seeds");
 * - `paired`: the run and `baselineId` each on the same `seeds` fresh seeds (A/B against a baseline, paired);
 * - `confirm`: the best `points` seed groups among `ids` (by mean final or best `metric`), each on `seeds` fresh
 *   seeds none of them used ("Confirm the winner").
 */
export const seedPlanSchema = z.discriminatedUnion('plan', [
  z.strictObject({ plan: z.literal('repeat'), id, seeds: seedCount }),
  z.strictObject({ plan: z.literal('paired'), id, baselineId: id, seeds: seedCount }),
  z.strictObject({
    plan: z.literal('confirm'),
    ids: z.array(id).min(2).max(1000),
    metric: z.enum(metricNames),
    at: z.enum(['final', 'best']).optional(),
    points: z.number().int().min(1).max(20).optional(),
    seeds: seedCount,
  }),
]);
export type SeedPlan = z.infer<typeof seedPlanSchema>;

export const sweepsRequestSchemas = {
  'sweeps.start': runStartSchema.extend({ sweep: sweepSpecSchema }),
  'sweeps.list': z.void(),
  'sweeps.start-plan': seedPlanSchema,
  /**
   * The rest of a sweep (or seed group): `pause` holds its queued runs back (the running ones train on to their end),
   * `resume` lets them start again, `cancel` stops every run of it not ended (queued ones at once, running ones
   * after their epoch in hand); the runs that ended are kept.
   */
  'sweeps.control': z.strictObject({ id, action: z.enum(['pause', 'resume', 'cancel']) }),
} as const;

/** What a seed plan queued: its group, and the runs to compare it on (the source runs and the new ones). */
export interface StartedPlan {
  sweep: SweepSummary;
  compareIds: string[];
  /** `confirm`: the points re-run, with their scores in the sweep. */
  points?: Pick<ConfirmPoint, 'key' | 'label' | 'sweepScore'>[];
}

export interface SweepSummary {
  id: string;
  name: string;
  createdAt: string;
  runIds: string[];
  /** How many of its runs are in each status. */
  statusCounts: Partial<Record<RunStatus, number>>;
  /** "Pause the rest" is on: its queued runs wait for `sweeps.control` resume. */
  held: boolean;
}

export interface SweepsRequestResults {
  'sweeps.start': SweepSummary;
  'sweeps.list': SweepSummary[];
  'sweeps.start-plan': StartedPlan;
  'sweeps.control': SweepSummary;
}

export interface SweepsEventPayloads {
  /** A sweep held back or let go ("Pause the rest", Resume, "Cancel the rest"); its runs' own news is `run.status`. */
  'sweep.status': SweepSummary;
}

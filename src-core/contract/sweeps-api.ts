import { z } from 'zod';
import { sweepSpecSchema } from '../sweep/sweep-spec';
import { runStartSchema } from './runs-api';
import type { RunStatus } from './training';

/** Sweeps: one run per point of a grid or random search over a run's settings. */

export const sweepsRequestSchemas = {
  'sweeps.start': runStartSchema.extend({ sweep: sweepSpecSchema }),
  'sweeps.list': z.void(),
} as const;

export interface SweepSummary {
  id: string;
  name: string;
  createdAt: string;
  runIds: string[];
  /** How many of its runs are in each status. */
  statusCounts: Partial<Record<RunStatus, number>>;
}

export interface SweepsRequestResults {
  'sweeps.start': SweepSummary;
  'sweeps.list': SweepSummary[];
}

import type { EpochMetrics } from '../contract/training';
import type { TrainingDiagnostics } from '../nn/diagnostics';
import { THRESHOLDS } from './diagnosis';

/** Whether a run should pause itself after an epoch, and why (in words a person reads). */
export type PauseDecision = { pause: false } | { pause: true; reason: string };

/**
 * Pause on a NaN or infinite loss, weight or gradient; on an exploding gradient norm (over
 * `explodingNorm`, the diagnosis threshold by default); on a dead network (a ReLU layer none of whose units
 * outputs anything but 0, so the output no longer depends on the input).
 */
export function pauseDecision(
  metrics: EpochMetrics,
  diagnostics?: TrainingDiagnostics,
  options: { explodingNorm?: number } = {},
): PauseDecision {
  for (const key of ['loss', 'valLoss'] as const) {
    const v = metrics[key];
    if (v !== undefined && !Number.isFinite(v)) return { pause: true, reason: `epoch ${metrics.epoch}: the ${key === 'loss' ? 'training' : 'validation'} loss is ${v}` };
  }
  if (!diagnostics) return { pause: false };
  const limit = options.explodingNorm ?? THRESHOLDS.explodingNorm;
  for (const l of diagnostics.layers) {
    const name = `layer ${l.index} (${l.type})`;
    if (l.weightNorm !== undefined && !Number.isFinite(l.weightNorm)) return { pause: true, reason: `epoch ${diagnostics.epoch}: the weights of ${name} are NaN or infinite` };
    if (l.gradNorm !== undefined && !Number.isFinite(l.gradNorm)) return { pause: true, reason: `epoch ${diagnostics.epoch}: the gradient of ${name} is NaN or infinite` };
    if (l.gradNorm !== undefined && l.gradNorm > limit) {
      return { pause: true, reason: `epoch ${diagnostics.epoch}: the gradient norm of ${name} is ${l.gradNorm.toPrecision(3)}, over ${limit} (exploding gradients)` };
    }
    if (l.deadFraction !== undefined && l.deadFraction >= 1) {
      return { pause: true, reason: `epoch ${diagnostics.epoch}: every unit of ${name} outputs 0 for every sample (a dead network)` };
    }
  }
  return { pause: false };
}

/**
 * The NN engine's public API: build a training session from a spec, a train config and data.
 */
import { PerceptronSession } from './perceptron-session';
import { SequentialSession } from './sequential-session';
import type { TrainingSession, TrainingSessionOptions } from './training-session';

export { DivergedError } from './diverged-error';
export { HISTOGRAM_BINS } from './diagnostics';
export type { Histogram, LayerDiagnostics, TrainingDiagnostics } from './diagnostics';
export { gradCheck } from './grad-check';
export type { GradCheckEntry, GradCheckOptions, GradCheckResult } from './grad-check';
export { SpecError, analyzeSpec } from './spec-analysis';
export type { LayerInfo, SpecAnalysis, TensorInfo } from './spec-analysis';
export type { TensorData, TrainingData, TrainingSession, TrainingSessionOptions } from './training-session';

/** A session for options.spec: a sequential network (or, with kind "perceptron", the classic perceptron). */
export function createTrainingSession(options: TrainingSessionOptions): TrainingSession {
  return options.spec.kind === 'perceptron' ? new PerceptronSession(options) : new SequentialSession(options);
}

// Lower-level pieces for callers that evaluate or predict without training (the CLI, the bench).
export { SequentialModel } from './model';
export type { ModelBuildOptions, TensorSlot } from './model';
export { computeLoss, isFusedLoss } from './losses';
export { checkTargets, classCountOf, countCorrect, gatherTargets, targetLayout } from './targets';
export type { TargetLayout } from './targets';
export { PerceptronSession } from './perceptron-session';
export { SequentialSession } from './sequential-session';
export type { FloatArray, FloatArrayConstructor } from './float-array';

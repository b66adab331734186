/**
 * The NN engine's public API: build a training session from a spec, a train config and data; or a predictor
 * from a spec and its weights. Callers outside src-core/nn import from here only.
 */
import { PerceptronSession } from './perceptron-session';
import { SequentialSession } from './sequential-session';
import type { TrainingSession, TrainingSessionOptions } from './training-session';

export { DivergedError } from './diverged-error';
export { EarlyStopping } from './early-stopping';
export { HISTOGRAM_BINS } from '../data/histogram';
export type { Histogram } from '../data/histogram';
export type { LayerDiagnostics, TrainingDiagnostics } from './diagnostics';
export { gradCheck } from './grad-check';
export { kernelBackend, kernelChoices, kernelThreads, useKernels, useThreadTeam } from './kernels/gemm';
export type { ThreadTeam } from './kernels/thread-team';
export type { KernelBackend, KernelChoice } from './kernels/gemm';
export type { GradCheckEntry, GradCheckOptions, GradCheckResult } from './grad-check';
export { createPredictor } from './predictor';
// The pieces the Learn explorers (src-core/learn) drive one step at a time.
export { SequentialModel } from './model';
export { SequentialSession } from './sequential-session';
export { PerceptronSession } from './perceptron-session';
export { createOptimizer } from './optimizers';
export type { Optimizer } from './optimizers';
export { computeLoss, isFusedLoss } from './losses';
export { defaultLossFor } from './grad-check';
export { runTrainingJob } from './training-job';
export type { TrainingEnding, TrainingJobHooks } from './training-job';
export type { Predictor, PredictorLossOptions, PredictorOptions } from './predictor';
export { SpecError, analyzeSpec } from './spec-analysis';
export type { LayerInfo, SpecAnalysis, TensorInfo } from './spec-analysis';
export type {
  OptimizerState,
  RngState,
  TensorData,
  TrainingData,
  TrainingSession,
  TrainingSessionOptions,
} from './training-session';

/** A session for options.spec: a sequential network (or, with kind "perceptron", the classic perceptron). */
export function createTrainingSession(options: TrainingSessionOptions): TrainingSession {
  return options.spec.kind === 'perceptron' ? new PerceptronSession(options) : new SequentialSession(options);
}

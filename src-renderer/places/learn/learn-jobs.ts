import {
  approximate,
  batchCurve,
  batchModes,
  batchNormGrid,
  checkGradients,
  checklistCases,
  initDepth,
  learningRateCurves,
  noisyMoons,
  regularisationRun,
  regularisations,
  runChecklistCase,
  type Breakage,
  type DepthOptions,
  type HiddenActivation,
  type Target,
} from '../../../src-core/learn/index';
import { classOneProbability, gatePoints } from './gate-frames';

/**
 * The Learn worker's jobs, one function per kind, each a src-core/learn computation whose answer is posted as it is
 * (typed arrays and plain objects only, so it crosses to the page by structured clone). `clock` reads milliseconds.
 */
export const learnJobs = {
  'init-depth': (options: DepthOptions) => initDepth(options),
  'batch-size': (args: { epochs: number }, clock: () => number) => batchModes.map((mode) => batchCurve(mode, args.epochs, clock)),
  'learning-rate': (args: { presets: Array<{ label: string; lr: number }>; epochs: number }) => learningRateCurves(args.presets, args.epochs),
  /** The four runs, each boundary as P(class 1) per cell, and the training points drawn over them. */
  regularisation: (args: { epochs: number; resolution: number }) => {
    const data = noisyMoons();
    const runs = regularisations.map((kind) => {
      const { boundary, ...run } = regularisationRun(kind, { ...args, data });
      return { ...run, probability: classOneProbability(boundary) };
    });
    return { runs, points: gatePoints(data.train), resolution: args.resolution };
  },
  'batch-norm': (args: { rates: number[]; epochs: number }) => batchNormGrid(args.rates, args.epochs),
  approximation: (args: { target: Target; units: number; activation: HiddenActivation }) => approximate(args.target, args.units, { activation: args.activation }),
  'gradient-check': (args: { broken?: Breakage }) => {
    const check = checkGradients(undefined, args.broken ? { broken: args.broken } : {});
    return { layers: check.layers, maxRelError: check.maxRelError, passed: check.passed };
  },
  checklist: () => checklistCases.map((id) => runChecklistCase(id)),
};

export type LearnJobKind = keyof typeof learnJobs;
export type LearnJobArgs<K extends LearnJobKind> = Parameters<(typeof learnJobs)[K]>[0];
export type LearnJobResult<K extends LearnJobKind> = ReturnType<(typeof learnJobs)[K]>;

/** What the page posts: run `kind` with `args`; `token` names the request (a newer one of the same kind wins). */
export interface LearnRequest<K extends LearnJobKind = LearnJobKind> {
  token: number;
  kind: K;
  args: LearnJobArgs<K>;
}

/** What the worker posts back: the job's result, or the message of the error it threw. */
export type LearnReply<K extends LearnJobKind = LearnJobKind> =
  | { token: number; kind: K; result: LearnJobResult<K>; ms: number }
  | { token: number; kind: K; error: string };

/** Runs one request through the job table; an error becomes its message (a RangeError names the field). */
export function runLearnJob<K extends LearnJobKind>(request: LearnRequest<K>, clock: () => number): LearnReply<K> {
  const job = learnJobs[request.kind] as (args: LearnJobArgs<K>, clock: () => number) => LearnJobResult<K>;
  const started = clock();
  try {
    const result = job(request.args, clock);
    return { token: request.token, kind: request.kind, result, ms: clock() - started };
  } catch (error) {
    return { token: request.token, kind: request.kind, error: error instanceof Error ? error.message : String(error) };
  }
}

import { specApiError } from '../../app/core-errors';
import { ApiError } from '../../../src-core/contract/api-error';
import type { ModelSpec, ModelState } from '../../../src-core/contract/model-spec';
import type { LossName, TaskKind } from '../../../src-core/contract/run-config';
import { SpecError, analyzeSpec, createPredictor, type Predictor } from '../../../src-core/nn/index';

/** A trained network in eval mode, for predict and eval; problems with the spec or weights name the file. */
export class ModelPredictor {
  private readonly predictor: Predictor;

  constructor(
    readonly spec: ModelSpec,
    state: ModelState,
    shownAs: string,
  ) {
    analyzeModel(spec, shownAs);
    try {
      this.predictor = createPredictor(spec, state);
    } catch (error) {
      throw new ApiError({ code: 'bad_input', message: (error as Error).message, file: shownAs, field: 'state' });
    }
  }

  get inputSize(): number {
    return this.predictor.inputSize;
  }

  get outputSize(): number {
    return this.predictor.outputWidth;
  }

  /** (rows, outputSize) for x (rows, inputSize); a perceptron's step units are 0/1. */
  predict(x: Float32Array, rows: number): Float32Array {
    return this.predictor.predict(x, rows);
  }

  /** The mean loss over the rows as training computes it; undefined for a perceptron. */
  loss(loss: LossName, huberDelta: number, task: TaskKind, x: Float32Array, y: Float32Array, rows: number): number | undefined {
    return this.predictor.loss(x, y, rows, { loss, task, huberDelta });
  }
}

/** Shape-checks a spec; a SpecError becomes a message naming the layer. */
export function analyzeModel(spec: ModelSpec, shownAs: string, options: { loss?: LossName; field?: string } = {}): ReturnType<typeof analyzeSpec> {
  try {
    return analyzeSpec(spec, options.loss ? { loss: options.loss } : {});
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    throw specApiError(error, { file: shownAs, ...(options.field ? { prefix: options.field } : {}) });
  }
}

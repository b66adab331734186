import { ApiError } from '../../../src-core/contract/api-error';
import type { ModelSpec, ModelState } from '../../../src-core/contract/model-spec';
import type { LossName, TaskKind } from '../../../src-core/contract/run-config';
import { Random } from '../../../src-core/data/random';
import { SpecError, analyzeSpec } from '../../../src-core/nn/index';
import { computeLoss, isFusedLoss } from '../../../src-core/nn/losses';
import { SequentialModel } from '../../../src-core/nn/model';
import { gatherTargets, targetLayout } from '../../../src-core/nn/targets';

const chunk = 256;

/** A trained network in eval mode, for predict and eval: no optimizer, no training data. */
export class ModelPredictor {
  private readonly model: SequentialModel;

  constructor(
    readonly spec: ModelSpec,
    state: ModelState,
    shownAs: string,
  ) {
    this.model = new SequentialModel(analyzeModel(spec, shownAs), { maxBatch: chunk, rng: new Random(0) });
    try {
      this.model.loadState(state);
    } catch (error) {
      throw new ApiError({ code: 'bad_input', message: (error as Error).message, file: shownAs, field: 'state' });
    }
    this.model.eval();
  }

  get inputSize(): number {
    return this.model.inputSize;
  }

  get outputSize(): number {
    return this.model.outputSize;
  }

  /**
   * (rows, outputSize): the network's outputs for x (rows, inputSize). A perceptron's are its step units,
   * 1 where w·x + b ≥ 0 and 0 elsewhere, as its training session predicts.
   */
  predict(x: Float32Array, rows: number): Float32Array {
    const outputs = this.model.predict(x, rows);
    if (this.spec.kind === 'perceptron') for (let i = 0; i < outputs.length; i++) outputs[i] = outputs[i]! >= 0 ? 1 : 0;
    return outputs;
  }

  /**
   * The mean loss over a dataset, computed as training computes it (cross_entropy and bce from the
   * logits before the final softmax/sigmoid); y is (rows, yWidth) in the layout TrainingData uses.
   * Undefined for a perceptron, which trains on its own criterion rather than the configured loss.
   */
  loss(loss: LossName, huberDelta: number, task: TaskKind, x: Float32Array, y: Float32Array, rows: number): number | undefined {
    const { model } = this;
    if (this.spec.kind === 'perceptron') return undefined;
    const yWidth = y.length / Math.max(1, rows);
    const layout = targetLayout(loss, task, yWidth, model.outputSize);
    const at = isFusedLoss(loss) ? model.layerCount - 1 : model.layerCount;
    const width = model.sizes[at]!;
    const targets = new Float32Array(chunk * layout.lossWidth); // (chunk, lossWidth)
    const order = Int32Array.from({ length: rows }, (_, i) => i);
    let sum = 0;
    for (let start = 0; start < rows; start += chunk) {
      const n = Math.min(chunk, rows - start);
      model.input.set(x.subarray(start * model.inputSize, (start + n) * model.inputSize));
      model.forward(n);
      gatherTargets(targets, y, order, start, n, layout);
      sum += n * computeLoss(loss, null, model.acts[at]!.subarray(0, n * width), targets, n, width, huberDelta);
    }
    return sum / Math.max(1, rows);
  }
}

/** Shape-checks a spec; a SpecError becomes a message naming the layer. */
export function analyzeModel(spec: ModelSpec, shownAs: string, options: { loss?: LossName; field?: string } = {}): ReturnType<typeof analyzeSpec> {
  try {
    return analyzeSpec(spec, options.loss ? { loss: options.loss } : {});
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    const prefix = options.field ?? 'spec';
    const field = error.layerIndex === undefined ? prefix : `${prefix}.layers.${error.layerIndex}`;
    throw new ApiError({ code: 'bad_input', message: `${field}: ${error.message}`, file: shownAs, field });
  }
}

import { predictedClasses } from '../nn/metrics/index';

/**
 * The predicted class and its confidence for each row of network outputs (rows, width): the arg-max and its
 * softmax probability, or for one output the class 1 at p ≥ 0.5 and max(p, 1 − p). `probabilities` says the
 * outputs already passed a final softmax/sigmoid (a Predictor's do when the spec ends in one); otherwise
 * they are logits and the softmax/sigmoid is applied here. Writes into `classes` and `confidence` at `at`.
 */
export function classConfidence(
  outputs: Float32Array,
  rows: number,
  width: number,
  probabilities: boolean,
  classes: Float32Array | Int32Array,
  confidence: Float32Array,
  at = 0,
): void {
  const predicted = predictedClasses(outputs, rows, width);
  for (let r = 0; r < rows; r++) {
    let c = predicted[r]!;
    const base = r * width;
    let p: number;
    if (width === 1) {
      const v = probabilities ? outputs[base]! : 1 / (1 + Math.exp(-outputs[base]!));
      c = v >= 0.5 ? 1 : 0;
      p = Math.max(v, 1 - v);
    } else if (probabilities) {
      p = outputs[base + c]!;
    } else {
      // softmax of the arg-max: 1 / Σ exp(z_k − z_max)
      const top = outputs[base + c]!;
      let sum = 0;
      for (let k = 0; k < width; k++) sum += Math.exp(outputs[base + k]! - top);
      p = 1 / sum;
    }
    classes[at + r] = c;
    confidence[at + r] = p;
  }
}

/** Whether a spec's outputs are probabilities: its last layer is a softmax or a sigmoid. */
export function outputsAreProbabilities(layers: readonly { type: string }[]): boolean {
  const last = layers[layers.length - 1]?.type;
  return last === 'softmax' || last === 'sigmoid';
}

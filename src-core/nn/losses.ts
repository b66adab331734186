import type { LossName } from '../contract/run-config';
import type { FloatArray } from './float-array';
import { expRow, softmaxRow } from './softmax-row';

/**
 * Losses: each returns the mean loss of a batch and ACCUMULATES its gradient into dpred
 * (dpred += ∂loss/∂pred), the seed of the backward pass.
 * pred (N, W); target (N, W), except cross_entropy's (N, 1) class indices.
 * mse/mae/huber/bce average over all N·W elements, cross_entropy over the N rows (PyTorch's 'mean').
 *
 * bce and cross_entropy are fused with the network's final sigmoid/softmax: pred is the INPUT of that
 * layer (the logits), which is exact where the unfused form loses digits to log(σ) near 0 and 1.
 */

export function mseLoss(dpred: FloatArray | null, pred: FloatArray, target: FloatArray, N: number, W: number): number {
  const count = N * W;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const d = pred[i]! - target[i]!;
    sum += d * d;
    if (dpred) dpred[i] = dpred[i]! + (2 * d) / count;
  }
  return sum / count;
}

export function maeLoss(dpred: FloatArray | null, pred: FloatArray, target: FloatArray, N: number, W: number): number {
  const count = N * W;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const d = pred[i]! - target[i]!;
    sum += Math.abs(d);
    if (dpred) dpred[i] = dpred[i]! + Math.sign(d) / count;
  }
  return sum / count;
}

/** Huber (PyTorch HuberLoss): ½d² where |d| < δ, else δ(|d| − ½δ). */
export function huberLoss(dpred: FloatArray | null, pred: FloatArray, target: FloatArray, N: number, W: number, delta: number): number {
  const count = N * W;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const d = pred[i]! - target[i]!;
    const a = Math.abs(d);
    sum += a < delta ? 0.5 * d * d : delta * (a - 0.5 * delta);
    if (dpred) dpred[i] = dpred[i]! + (a < delta ? d : delta * Math.sign(d)) / count;
  }
  return sum / count;
}

/** Binary cross-entropy from logits z: max(z,0) − z·t + log(1 + e^−|z|); gradient (σ(z) − t). */
export function bceWithLogitsLoss(dpred: FloatArray | null, logits: FloatArray, target: FloatArray, N: number, W: number): number {
  const count = N * W;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const z = logits[i]!;
    const t = target[i]!;
    sum += Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
    if (dpred) {
      const s = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
      dpred[i] = dpred[i]! + (s - t) / count;
    }
  }
  return sum / count;
}

/** Cross-entropy from logits z (N, W) and class indices: log Σ e^z − z_y via log-sum-exp; gradient softmax − onehot. */
export function crossEntropyWithLogitsLoss(dpred: FloatArray | null, logits: FloatArray, target: FloatArray, N: number, W: number): number {
  let sum = 0;
  for (let n = 0; n < N; n++) {
    const row = n * W;
    const e = expRow(logits, row, W);
    const s = softmaxRow.sum;
    const y = target[n]!;
    sum += softmaxRow.max + Math.log(s) - logits[row + y]!;
    if (dpred) {
      // p = softmax, as PyTorch's gradient: each exponential once (exp(l − lse) cost a second exp per value).
      for (let w = 0; w < W; w++) dpred[row + w] = dpred[row + w]! + (e[w]! / s - (w === y ? 1 : 0)) / N;
    }
  }
  return sum / N;
}

/**
 * The network's final softmax and cross_entropy in one pass over the logits (N, W): writes the softmax into out,
 * returns the loss and accumulates its gradient into dpred, each exponential computed once for both (the same bits as
 * softmaxForward then crossEntropyWithLogitsLoss: the same max, exponentials and row sum in the same order).
 */
export function softmaxCrossEntropy(
  out: FloatArray, dpred: FloatArray, logits: FloatArray, target: FloatArray, N: number, W: number,
): number {
  let sum = 0;
  for (let n = 0; n < N; n++) {
    const row = n * W;
    const e = expRow(logits, row, W);
    const s = softmaxRow.sum;
    const y = target[n]!;
    sum += softmaxRow.max + Math.log(s) - logits[row + y]!;
    for (let w = 0; w < W; w++) {
      out[row + w] = e[w]! / s;
      dpred[row + w] = dpred[row + w]! + (e[w]! / s - (w === y ? 1 : 0)) / N;
    }
  }
  return sum / N;
}

/** True when the loss reads the logits before the network's final sigmoid/softmax. */
export function isFusedLoss(loss: LossName): boolean {
  return loss === 'bce' || loss === 'cross_entropy';
}

/** Mean loss of a batch, dispatching on the loss name; dpred null computes the value only. */
export function computeLoss(
  loss: LossName, dpred: FloatArray | null, pred: FloatArray, target: FloatArray, N: number, W: number, huberDelta = 1,
): number {
  switch (loss) {
    case 'mse':
      return mseLoss(dpred, pred, target, N, W);
    case 'mae':
      return maeLoss(dpred, pred, target, N, W);
    case 'huber':
      return huberLoss(dpred, pred, target, N, W, huberDelta);
    case 'bce':
      return bceWithLogitsLoss(dpred, pred, target, N, W);
    case 'cross_entropy':
      return crossEntropyWithLogitsLoss(dpred, pred, target, N, W);
  }
}

import type { OptimizerConfig } from '../contract/run-config';
import { groupDigits, sizeLimits } from '../contract/size-limits';
import { conv2dChunkSamples } from './layers/conv2d';
import type { SpecAnalysis } from './spec-analysis';

/** What training a network holds in memory at once, in bytes (float32 throughout). */
export interface TrainingMemory {
  bytes: number;
  /** Weights, their gradients, the optimizer's moments and a copy for the best/final weights. */
  parameterBytes: number;
  /**
   * One batch: the input, each layer's output and its gradient, conv2d's unfolded columns and their gradient, and
   * conv2d's weight- and bias-gradient partials (one per chunk of samples, summed in chunk order).
   */
  activationBytes: number;
}

const BYTES = 4;

/** Moment buffers per parameter each optimizer keeps (SGD's momentum counted: it may be on). */
const optimizerSlots: Record<OptimizerConfig['type'], number> = { sgd: 1, adam: 2, adamw: 2, rmsprop: 2, adagrad: 1 };

const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** The largest buffers of one batch, by layer: its output (batch × output size) and conv2d's columns. */
function batchBuffers(analysis: SpecAnalysis, batchSize: number): Array<{ layer: number; type: string; values: number }> {
  const buffers: Array<{ layer: number; type: string; values: number }> = [];
  for (const layer of analysis.layers) {
    buffers.push({ layer: layer.index, type: layer.type, values: batchSize * product(layer.outputShape) });
    if (layer.spec.type === 'conv2d') {
      const [c] = layer.inputShape as [number, number, number];
      const [, oh, ow] = layer.outputShape as [number, number, number];
      buffers.push({ layer: layer.index, type: layer.type, values: batchSize * c * layer.spec.kernel * layer.spec.kernel * oh * ow });
    }
  }
  return buffers;
}

/** conv2d's gradient partials for a batch of `batchSize`: F·C·K·K + F values for each chunk of samples. */
function gradientPartials(analysis: SpecAnalysis, batchSize: number): number {
  let values = 0;
  for (const layer of analysis.layers) {
    if (layer.spec.type !== 'conv2d') continue;
    const [c] = layer.inputShape as [number, number, number];
    const [f, oh, ow] = layer.outputShape as [number, number, number];
    const k = layer.spec.kernel;
    const chunks = Math.ceil(batchSize / conv2dChunkSamples(batchSize, c, k, oh, ow, f));
    values += chunks * (f * c * k * k + f);
  }
  return values;
}

/** An upper estimate of the memory training `analysis`'s network with batches of `batchSize` takes. */
export function estimateTrainingMemory(analysis: SpecAnalysis, batchSize: number, optimizer: OptimizerConfig['type']): TrainingMemory {
  const stored = analysis.layers.reduce((sum, layer) => sum + layer.tensors.reduce((a, t) => a + t.size, 0), 0);
  const parameterBytes = (stored + analysis.totalParams * (2 + optimizerSlots[optimizer])) * BYTES;
  const activations =
    batchSize * product(analysis.inputShape) + 2 * batchBuffers(analysis, batchSize).reduce((sum, b) => sum + b.values, 0) + gradientPartials(analysis, batchSize);
  const activationBytes = activations * BYTES;
  return { bytes: parameterBytes + activationBytes, parameterBytes, activationBytes };
}

/** Why a batch of `batchSize` is too large for one buffer (a layer's output or columns), or undefined. */
export function batchSizeRefusal(analysis: SpecAnalysis, batchSize: number): string | undefined {
  const largest = batchBuffers(analysis, batchSize).reduce((a, b) => (b.values > a.values ? b : a), { layer: -1, type: '', values: 0 });
  if (largest.values <= sizeLimits.activationValues) return undefined;
  return (
    `a batch of ${groupDigits(batchSize)} makes layer ${largest.layer} (${largest.type}) hold ${groupDigits(largest.values)} values at once; ` +
    `at most ${groupDigits(sizeLimits.activationValues)}: use a smaller batch`
  );
}

/** "37 GB", "1.5 GB", "512 MB". */
export function formatMemory(bytes: number): string {
  const gb = bytes / 1024 ** 3;
  if (gb >= 10) return `${Math.round(gb)} GB`;
  if (gb >= 1) return `${Number(gb.toFixed(1))} GB`;
  return `${Math.max(1, Math.round(bytes / 1024 ** 2))} MB`;
}

/** Why the machine cannot train this (its memory is `machineBytes`), or undefined when it fits. */
export function memoryRefusal(memory: TrainingMemory, batchSize: number, machineBytes: number): string | undefined {
  if (memory.bytes <= machineBytes) return undefined;
  return `this network needs ${formatMemory(memory.bytes)} for a batch of ${groupDigits(batchSize)}; the machine has ${formatMemory(machineBytes)}`;
}

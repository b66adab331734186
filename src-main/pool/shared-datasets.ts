import { bundledTrainingData, findBundledDataset } from '../../src-core/data/datasets';
import type { TensorData, TrainingData } from '../../src-core/nn/index';

/** A copy of `array` on a SharedArrayBuffer: posting it to a worker shares the memory instead of copying it. */
export function toShared(array: Float32Array): Float32Array {
  const shared = new Float32Array(new SharedArrayBuffer(array.byteLength));
  shared.set(array);
  return shared;
}

function sharedTensors(data: TensorData): TensorData {
  return { x: toShared(data.x), y: toShared(data.y), rows: data.rows };
}

/** `data` with every array on SharedArrayBuffers (already shared arrays are kept). */
export function shareTrainingData(data: TrainingData): TrainingData {
  if (data.train.x.buffer instanceof SharedArrayBuffer) return data;
  return {
    ...data,
    train: sharedTensors(data.train),
    ...(data.validation ? { validation: sharedTensors(data.validation) } : {}),
    ...(data.test ? { test: sharedTensors(data.test) } : {}),
  };
}

/**
 * Bundled datasets generated once per process and shared with every worker: eight runs on one dataset hold
 * one copy of it. Generation is seeded, so this is the same data each run would have built for itself.
 */
export class SharedDatasets {
  private readonly cache = new Map<string, TrainingData>();

  bundled(id: string): TrainingData | undefined {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const dataset = findBundledDataset(id);
    if (!dataset) return undefined;
    const shared = shareTrainingData(bundledTrainingData(dataset));
    this.cache.set(id, shared);
    return shared;
  }
}

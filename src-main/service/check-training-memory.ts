import { totalmem } from 'node:os';
import { ApiError } from '../../src-core/contract/api-error';
import type { TrainConfig } from '../../src-core/contract/run-config';
import { batchSizeRefusal, estimateTrainingMemory, memoryRefusal } from '../../src-core/nn/memory-estimate';
import type { SpecAnalysis } from '../../src-core/nn/spec-analysis';

/**
 * Refuses, before a run starts, a network whose batch has a buffer too large to allocate or whose training would
 * not fit in the machine's memory ("this network needs 37 GB for a batch of 64; the machine has 24 GB"). `rows`:
 * the training rows, when known (a batch is never larger). `specField` names the network in the caller's format.
 */
export function checkTrainingMemory(analysis: SpecAnalysis, train: TrainConfig, options: { rows?: number; specField: string; file?: string; machineBytes?: number }): void {
  const batchSize = Math.min(train.batchSize, options.rows ?? train.batchSize);
  const bad = (field: string, reason: string): ApiError => new ApiError({ code: 'bad_input', field, message: `${field}: ${reason}`, ...(options.file ? { file: options.file } : {}) });
  const batch = batchSizeRefusal(analysis, batchSize);
  if (batch) throw bad('train.batchSize', batch);
  const memory = estimateTrainingMemory(analysis, batchSize, train.optimizer.type);
  const machineBytes = options.machineBytes ?? totalmem();
  const refusal = memoryRefusal(memory, batchSize, machineBytes);
  if (refusal) throw bad(memory.parameterBytes > machineBytes ? options.specField : 'train.batchSize', refusal);
}

import { specApiError } from '../app/core-errors';
import { ApiError } from '../../src-core/contract/api-error';
import type { DatasetInfo } from '../../src-core/contract/datasets';
import type { ModelSpec } from '../../src-core/contract/model-spec';
import type { TrainConfig } from '../../src-core/contract/run-config';
import { analyzeSpec, SpecError } from '../../src-core/nn/index';
import { checkTrainingMemory } from './check-training-memory';

/**
 * Refuses a run whose network cannot train on the dataset, before it is stored: the message names the
 * field (`spec.input`, `spec.layers.3`, `train.loss`) and says what would fit.
 */
/** `targetWidth`: values per row of a regression target (every bundled regression has one). */
export function checkRunFits(spec: ModelSpec, train: TrainConfig, dataset: DatasetInfo, targetWidth = 1): void {
  const bad = (field: string, message: string): ApiError => new ApiError({ code: 'bad_input', field, message });
  const expected = dataset.inputShape;
  if (spec.input.length !== expected.length || spec.input.some((d, i) => d !== expected[i])) {
    throw bad('spec.input', `The network's input is [${spec.input.join(', ')}] but ${dataset.name} has samples of shape [${expected.join(', ')}].`);
  }
  if (dataset.task !== 'classification' && train.loss === 'cross_entropy') {
    throw bad('train.loss', `${dataset.name} is a ${dataset.task} dataset: cross_entropy needs class labels; use mse, mae or huber.`);
  }
  let outputWidth: number;
  try {
    const analysis = analyzeSpec(spec, { loss: train.loss });
    checkTrainingMemory(analysis, train, { rows: dataset.rows, specField: 'spec' });
    if (analysis.kind === 'perceptron') return;
    outputWidth = analysis.outputShape[0]!;
  } catch (error) {
    if (error instanceof SpecError) throw specApiError(error);
    throw error;
  }
  const lastLayer = `spec.layers.${spec.layers.length - 1}`;
  if (dataset.task === 'regression' && outputWidth !== targetWidth) {
    throw bad(lastLayer, `${dataset.name} has ${targetWidth} target value${targetWidth === 1 ? '' : 's'} per row, so the network must end with ${targetWidth} output${targetWidth === 1 ? '' : 's'}; it has ${outputWidth}.`);
  }
  if (dataset.task !== 'classification') return;
  const classCount = dataset.classes?.length ?? 0;
  const binarySingleOutput = train.loss !== 'cross_entropy' && classCount === 2 && outputWidth === 1;
  if (outputWidth !== classCount && !binarySingleOutput) {
    const single = train.loss !== 'cross_entropy' && classCount === 2 ? ' (or 1 for a binary output)' : '';
    throw bad(
      lastLayer,
      `${dataset.name} has ${classCount} classes, so the network must end with ${classCount} outputs${single}; it has ${outputWidth}.`,
    );
  }
}

import type { DatasetInfo } from '../../../src-core/contract/datasets';
import { activationNames } from '../../../src-core/contract/layer-names';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { LossName, TrainConfig } from '../../../src-core/contract/run-config';
import { analyzeSpec, SpecError, type SpecAnalysis } from '../../../src-core/nn/spec-analysis';
import { buildPreset, defaultPresetId, lossForTask, type DatasetShape } from '../../../src-core/workbench/presets';

export function shapeOf(dataset: Pick<DatasetInfo, 'task' | 'inputShape' | 'classes'>): DatasetShape {
  return { inputShape: dataset.inputShape, task: dataset.task, ...(dataset.classes ? { outputs: dataset.classes.length } : {}) };
}

/**
 * The network a dataset starts with: the workbench's default preset (src-core/workbench/presets.ts), a small CNN for
 * images and a two-hidden-layer ReLU MLP for tables, with an output that fits the task.
 */
export function defaultModelSpec(dataset: Pick<DatasetInfo, 'task' | 'inputShape' | 'classes'>): ModelSpec {
  const shape = shapeOf(dataset);
  return buildPreset(defaultPresetId(shape), shape).spec;
}

/** The loss that matches `defaultModelSpec`'s output layer. */
export function defaultLoss(dataset: Pick<DatasetInfo, 'task' | 'classes'>): LossName {
  return lossForTask({ inputShape: [], task: dataset.task, ...(dataset.classes ? { outputs: dataset.classes.length } : {}) });
}

/** One layer of the model panel: a dense or conv2d layer and the activation after it read as one ("Dense", "16 tanh"). */
export interface LayerRow {
  kind: string;
  detail: string;
}

const activations: ReadonlySet<string> = new Set(activationNames);

/**
 * The model panel's rows and parameter count, every shape and count as the engine's `analyzeSpec` gives them.
 * A spec the engine refuses shows its input alone, no parameters, and the engine's reason.
 */
export function describeModel(spec: ModelSpec): { rows: LayerRow[]; parameters: number; problem?: string } {
  const rows: LayerRow[] = [{ kind: 'Input', detail: spec.input.join('×') }];
  let analysis: SpecAnalysis;
  try {
    analysis = analyzeSpec(spec);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    return { rows, parameters: 0, problem: error.message };
  }
  let activationTaken = true; // whether the last row already has its activation
  for (const layer of analysis.layers) {
    const previous = rows[rows.length - 1]!;
    const shape = layer.outputShape.join('×');
    if (layer.type === 'dense' || layer.type === 'conv2d') {
      rows.push({ kind: layer.type === 'dense' ? 'Dense' : 'Conv2d', detail: shape });
      activationTaken = false;
    } else if (layer.type === 'flatten') {
      rows.push({ kind: 'Flatten', detail: shape });
      activationTaken = true;
    } else if (activations.has(layer.type) && !activationTaken) {
      previous.detail += ` ${layer.type}`;
      activationTaken = true;
    } else {
      rows.push({ kind: layer.type, detail: shape });
      activationTaken = true;
    }
  }
  return { rows, parameters: analysis.totalParams };
}

/** A run's training settings in one line: "Adam, lr 0.01, batch 32, BCE, seed 7". */
export function describeTraining(train: TrainConfig, seed: number): string {
  const optimizer = train.optimizer.type === 'sgd' ? 'SGD' : train.optimizer.type === 'rmsprop' ? 'RMSprop' : train.optimizer.type.charAt(0).toUpperCase() + train.optimizer.type.slice(1);
  const lr = train.optimizer.lr !== undefined ? `, lr ${train.optimizer.lr}` : '';
  return `${optimizer}${lr}, batch ${train.batchSize}, ${lossLabels[train.loss]} loss, seed ${seed}`;
}

const lossLabels: Record<LossName, string> = { mse: 'MSE', mae: 'MAE', huber: 'Huber', bce: 'BCE', cross_entropy: 'cross-entropy' };

import type { LayerSpec, ModelSpec } from '../contract/model-spec';
import type { LossName, TaskKind, TrainConfig } from '../contract/run-config';

/**
 * The workbench's starting networks, each sized to the chosen dataset and given training settings that train well
 * out of the box: the input shape comes from the data, the output layer and loss from the task.
 */

/** What a preset needs to know about a dataset. */
export interface DatasetShape {
  /** `[features]`, or `[C, H, W]` for images. */
  inputShape: readonly number[];
  task: TaskKind;
  /** Classes (classification), labels (multilabel) or targets (regression, default 1). */
  outputs?: number;
}

export const presetIds = ['perceptron', 'logistic', 'mlp1', 'mlp2', 'mlp3', 'deep_sigmoid', 'lenet', 'cnn_bn_dropout'] as const;
export type PresetId = (typeof presetIds)[number];

export interface PresetInfo {
  id: PresetId;
  name: string;
  description: string;
  /** Why this preset cannot be built for the dataset; absent when it can. */
  unavailable?: string;
}

export interface BuiltPreset {
  spec: ModelSpec;
  train: TrainConfig;
}

const descriptions: Record<PresetId, { name: string; description: string }> = {
  perceptron: { name: 'Perceptron', description: 'Rosenblatt’s step units and the perceptron rule: one straight boundary, no hidden layer.' },
  logistic: { name: 'Logistic / softmax regression', description: 'One dense layer and a sigmoid or softmax: the linear model trained by gradient descent.' },
  mlp1: { name: 'MLP, 1 hidden layer', description: 'One hidden layer of 32 ReLU units.' },
  mlp2: { name: 'MLP, 2 hidden layers', description: 'Two hidden layers of 32 ReLU units.' },
  mlp3: { name: 'MLP, 3 hidden layers', description: 'Three hidden layers of 32 ReLU units.' },
  deep_sigmoid: { name: 'Deep sigmoid (8 layers)', description: 'Eight sigmoid layers with plain SGD: watch the first layers’ gradients vanish.' },
  lenet: { name: 'LeNet-like CNN', description: 'Two convolution + pooling blocks, then two dense layers (LeCun et al., 1998).' },
  cnn_bn_dropout: { name: 'CNN with batch norm and dropout', description: 'Convolutions with batch normalisation, then dropout before the classifier.' },
};

function isImage(shape: DatasetShape): boolean {
  return shape.inputShape.length === 3;
}

function unavailable(id: PresetId, shape: DatasetShape): string | undefined {
  if (id === 'perceptron') {
    if (shape.task === 'regression') return 'a perceptron classifies; this dataset is a regression';
    if (isImage(shape)) return 'a perceptron takes a flat row of features, not an image';
  }
  if ((id === 'lenet' || id === 'cnn_bn_dropout') && !isImage(shape)) return 'a CNN needs images (C×H×W); this dataset has a row of features';
  return undefined;
}

/** Every preset, in the order the palette lists them, each saying whether it fits the dataset. */
export function presetsFor(shape: DatasetShape): PresetInfo[] {
  return presetIds.map((id) => {
    const why = unavailable(id, shape);
    return { id, ...descriptions[id], ...(why ? { unavailable: why } : {}) };
  });
}

/** Images start with a CNN, tables with an MLP. */
export function defaultPresetId(shape: DatasetShape): PresetId {
  return isImage(shape) ? 'lenet' : 'mlp2';
}

/** The loss that fits the task and the output layer `outputLayers` builds. */
export function lossForTask(shape: DatasetShape): LossName {
  if (shape.task === 'regression') return 'mse';
  if (shape.task === 'classification' && (shape.outputs ?? 2) > 2) return 'cross_entropy';
  return 'bce';
}

/** One sigmoid unit for two classes, a softmax over more (fused with cross entropy), sigmoids for labels, linear units for regression. */
export function outputLayers(shape: DatasetShape): LayerSpec[] {
  const outputs = shape.outputs ?? (shape.task === 'regression' ? 1 : 2);
  if (shape.task === 'regression') return [{ type: 'dense', units: outputs }];
  if (shape.task === 'classification' && outputs > 2) return [{ type: 'dense', units: outputs }, { type: 'softmax' }];
  return [{ type: 'dense', units: shape.task === 'multilabel' ? outputs : 1 }, { type: 'sigmoid' }];
}

function hidden(count: number, units: number, activation: 'relu' | 'sigmoid'): LayerSpec[] {
  const init = activation === 'relu' ? 'he_uniform' : 'xavier_uniform';
  return Array.from({ length: count }, (): LayerSpec[] => [{ type: 'dense', units, init }, { type: activation }]).flat();
}

/** A conv block keeps the spatial size (padding k/2) and halves it by pooling while it is at least 2. */
function convBlock(filters: number, side: number, extra: LayerSpec[] = []): { layers: LayerSpec[]; side: number } {
  const kernel = side >= 16 ? 5 : 3;
  const layers: LayerSpec[] = [{ type: 'conv2d', filters, kernel, padding: (kernel - 1) / 2, init: 'he_uniform' }, ...extra, { type: 'relu' }];
  if (side < 2) return { layers, side };
  layers.push({ type: 'maxpool2d', size: 2 });
  return { layers, side: Math.floor(side / 2) };
}

function cnn(shape: DatasetShape, batchNorm: boolean): LayerSpec[] {
  let side = Math.min(shape.inputShape[1]!, shape.inputShape[2]!);
  const layers: LayerSpec[] = [];
  for (const filters of [8, 16]) {
    const block = convBlock(filters, side, batchNorm ? [{ type: 'batchnorm' }] : []);
    layers.push(...block.layers);
    side = block.side;
  }
  layers.push({ type: 'flatten' });
  if (batchNorm) layers.push({ type: 'dropout', rate: 0.25 });
  layers.push(...hidden(1, 64, 'relu'));
  if (batchNorm) layers.push({ type: 'dropout', rate: 0.25 });
  return layers;
}

function adam(shape: DatasetShape, epochs: number, lr = 1e-3): TrainConfig {
  return { loss: lossForTask(shape), optimizer: { type: 'adam', lr }, batchSize: 32, epochs, shuffle: true };
}

/** The network and settings of preset `id` for the dataset; throws when the preset does not fit (see `presetsFor`). */
export function buildPreset(id: PresetId, shape: DatasetShape): BuiltPreset {
  const why = unavailable(id, shape);
  if (why) throw new Error(`${descriptions[id].name}: ${why}`);
  const input = [...shape.inputShape];
  const flatten: LayerSpec[] = isImage(shape) ? [{ type: 'flatten' }] : [];
  const head = outputLayers(shape);
  switch (id) {
    case 'perceptron': {
      const units = shape.task === 'multilabel' || (shape.outputs ?? 2) > 2 ? shape.outputs! : 1;
      return {
        spec: { kind: 'perceptron', input, layers: [{ type: 'dense', units }] },
        train: { loss: lossForTask(shape), optimizer: { type: 'sgd', lr: 1 }, batchSize: 1, epochs: 50, shuffle: true },
      };
    }
    case 'logistic':
      return { spec: { input, layers: [...flatten, ...head] }, train: adam(shape, 100, 1e-2) };
    case 'mlp1':
    case 'mlp2':
    case 'mlp3':
      return { spec: { input, layers: [...flatten, ...hidden(Number(id.slice(3)), 32, 'relu'), ...head] }, train: adam(shape, 100, 1e-2) };
    case 'deep_sigmoid':
      return {
        spec: { input, layers: [...flatten, ...hidden(7, 16, 'sigmoid'), ...head] },
        train: { loss: lossForTask(shape), optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 32, epochs: 100, shuffle: true },
      };
    case 'lenet':
      return { spec: { input, layers: [...cnn(shape, false), ...head] }, train: adam(shape, 12, 2e-3) };
    case 'cnn_bn_dropout':
      return { spec: { input, layers: [...cnn(shape, true), ...head] }, train: adam(shape, 15, 2e-3) };
  }
}

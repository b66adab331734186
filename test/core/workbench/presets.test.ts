import { describe, expect, it } from 'vitest';
import { modelSpecSchema } from '../../../src-core/contract/model-spec';
import { trainConfigSchema } from '../../../src-core/contract/run-config';
import { bundledTrainingData, findBundledDataset } from '../../../src-core/data/datasets/catalogue';
import type { TrainingData } from '../../../src-core/data/training-data';
import { createTrainingSession, runTrainingJob } from '../../../src-core/nn/index';
import { analyzeSpec } from '../../../src-core/nn/spec-analysis';
import { buildPreset, defaultPresetId, presetIds, presetsFor, type DatasetShape, type PresetId } from '../../../src-core/workbench/presets';
import { loadBundledFile } from '../../../src-main/data/bundled-files';

function shapeOf(data: TrainingData): DatasetShape {
  return { inputShape: data.inputShape, task: data.task, outputs: data.classCount };
}

/** Trains preset `id` on `data` with its own settings and returns the last epoch's validation accuracy. */
function trainPreset(id: PresetId, data: TrainingData, seed = 1): number {
  const { spec, train } = buildPreset(id, shapeOf(data));
  const session = createTrainingSession({ spec, train, data, seed });
  let last = 0;
  const ending = runTrainingJob(session, data, { epoch: (m) => (last = m.valAccuracy!) });
  expect(ending.status).toBe('completed');
  return last;
}

const shapes: DatasetShape[] = [
  { inputShape: [2], task: 'classification', outputs: 2 },
  { inputShape: [4], task: 'classification', outputs: 3 },
  { inputShape: [5], task: 'regression' },
  { inputShape: [6], task: 'multilabel', outputs: 3 },
  { inputShape: [1, 8, 8], task: 'classification', outputs: 10 },
  { inputShape: [3, 32, 32], task: 'classification', outputs: 10 },
  { inputShape: [1, 28, 28], task: 'multilabel', outputs: 4 },
];

describe('presets', () => {
  it('every preset that fits a dataset is a valid spec and config the engine accepts', () => {
    for (const shape of shapes) {
      for (const info of presetsFor(shape)) {
        if (info.unavailable) {
          expect(() => buildPreset(info.id, shape)).toThrow(info.unavailable);
          continue;
        }
        const { spec, train } = buildPreset(info.id, shape);
        expect(modelSpecSchema.safeParse(spec).success, `${info.id} on ${shape.inputShape.join('×')}`).toBe(true);
        expect(trainConfigSchema.safeParse(train).success).toBe(true);
        const analysis = analyzeSpec(spec, { loss: train.loss });
        const outputs = shape.task === 'classification' && (shape.outputs ?? 2) <= 2 ? 1 : (shape.outputs ?? 1);
        expect(analysis.outputShape).toEqual([outputs]);
      }
    }
  });

  it('images default to a CNN, tables to an MLP; CNNs are offered only for images, the perceptron only for classification', () => {
    expect(defaultPresetId({ inputShape: [1, 8, 8], task: 'classification', outputs: 10 })).toBe('lenet');
    expect(defaultPresetId({ inputShape: [4], task: 'classification', outputs: 3 })).toBe('mlp2');
    const table = presetsFor({ inputShape: [5], task: 'regression' });
    expect(table.find((p) => p.id === 'lenet')!.unavailable).toMatch(/needs images/);
    expect(table.find((p) => p.id === 'perceptron')!.unavailable).toMatch(/classifies/);
    expect(presetsFor({ inputShape: [1, 8, 8], task: 'classification', outputs: 10 }).filter((p) => !p.unavailable).map((p) => p.id)).toEqual(
      presetIds.filter((id) => id !== 'perceptron'),
    );
    const deep = buildPreset('deep_sigmoid', { inputShape: [2], task: 'classification' }).spec.layers;
    expect(deep.filter((l) => l.type === 'dense')).toHaveLength(8);
  });

  it('the default CNN reaches 95 % validation accuracy on the bundled 8×8 digits', () => {
    const { data, info } = loadBundledFile('digits')!;
    expect(defaultPresetId({ inputShape: info.inputShape, task: info.task, outputs: info.classes!.length })).toBe('lenet');
    expect(trainPreset('lenet', data)).toBeGreaterThanOrEqual(0.95);
  }, 60_000);

  it('the CNN with batch norm and dropout also reaches 95 % on the digits', () => {
    expect(trainPreset('cnn_bn_dropout', loadBundledFile('digits')!.data)).toBeGreaterThanOrEqual(0.95);
  }, 60_000);

  it('on XOR the perceptron stays below 100 % while the MLP reaches it', () => {
    const xor = bundledTrainingData(findBundledDataset('xor')!);
    expect(trainPreset('perceptron', xor)).toBeLessThan(0.8);
    expect(trainPreset('mlp2', xor)).toBe(1);
    expect(trainPreset('mlp1', xor)).toBe(1);
  }, 60_000);
});

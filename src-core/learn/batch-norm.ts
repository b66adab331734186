import type { LayerSpec, ModelSpec } from '../contract/model-spec';
import type { TrainConfig } from '../contract/run-config';
import type { Explanation, WorkbenchSetup } from './explainer';
import { bundledData, trainCurves } from './train-curves';

/**
 * Explorer 8: a deep network with and without batch norm after every dense layer, trained by the core at
 * several learning rates; the final loss of each (lr, bn) pair, a divergence marked.
 */
export function batchNormSpec(withBatchNorm: boolean, depth = 8, width = 32): ModelSpec {
  const layers: LayerSpec[] = [];
  for (let i = 0; i < depth; i++) {
    layers.push({ type: 'dense', units: width });
    if (withBatchNorm) layers.push({ type: 'batchnorm' });
    layers.push({ type: 'sigmoid' });
  }
  layers.push({ type: 'dense', units: 1 }, { type: 'sigmoid' });
  return { input: [2], layers };
}

export function batchNormTrain(lr: number, epochs = 15): TrainConfig {
  return { loss: 'bce', optimizer: { type: 'sgd', lr, momentum: 0.9 }, batchSize: 32, epochs, seed: 1 };
}

export const batchNormRates = [0.003, 0.03, 0.3, 3] as const;

export interface BatchNormCell {
  lr: number;
  batchNorm: boolean;
  /** The last epoch's training loss (NaN when it diverged) and validation accuracy. */
  finalLoss: number;
  finalValAccuracy: number;
  loss: number[];
  diverged: boolean;
}

export function batchNormGrid(rates: readonly number[] = batchNormRates, epochs = 15): BatchNormCell[] {
  const data = bundledData('two-moons');
  const cells: BatchNormCell[] = [];
  for (const batchNorm of [false, true]) {
    for (const lr of rates) {
      const run = trainCurves(batchNormSpec(batchNorm), batchNormTrain(lr, epochs), data);
      const last = run.epochs.at(-1);
      cells.push({
        lr,
        batchNorm,
        finalLoss: run.diverged || !last ? NaN : last.loss,
        finalValAccuracy: run.diverged || !last ? NaN : (last.valAccuracy ?? NaN),
        loss: run.epochs.map((e) => e.loss),
        diverged: run.diverged !== null,
      });
    }
  }
  return cells;
}

export const batchNormExplanation: Explanation = {
  title: 'Batch norm',
  text:
    'In a deep sigmoid network every layer’s inputs drift as the layers below learn, and the signal fades through the saturating units, so ' +
    'only a careful learning rate trains it. Batch norm standardises each unit over the batch, then rescales it with a learned γ and β: every ' +
    'layer sees inputs of a steady size, the gradient survives the depth, and a much wider range of learning rates works.',
  formula: 'x̂ = (x − μ_B)/√(σ²_B + ε),  y = γx̂ + β',
};

export function batchNormWorkbench(lr: number, withBatchNorm: boolean): WorkbenchSetup {
  return { datasetId: 'two-moons', name: `Learn: ${withBatchNorm ? 'with' : 'without'} batch norm, lr ${lr}`, spec: batchNormSpec(withBatchNorm), train: batchNormTrain(lr) };
}

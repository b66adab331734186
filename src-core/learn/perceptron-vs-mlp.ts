import type { ModelSpec } from '../contract/model-spec';
import type { TrainConfig } from '../contract/run-config';
import type { EpochMetrics } from '../contract/training';
import type { TrainingData } from '../data/training-data';
import { boundaryGrid, type BoundaryGrid } from '../insight/index';
import type { InputPlane, PlaneBounds } from '../insight/index';
import { PerceptronSession, SequentialSession } from '../nn/index';
import type { Explanation, WorkbenchSetup } from './explainer';
import { bundledData } from './train-curves';

/**
 * Explorer 4: Rosenblatt's perceptron and a 2-4-1 MLP side by side on a logic gate, both the core's sessions,
 * trained one epoch at a time so a view can draw them live; the decision boundary through insight's grid.
 */
export const gates = ['xor', 'and', 'or'] as const;
export type Gate = (typeof gates)[number];

export const perceptronSpec: ModelSpec = { kind: 'perceptron', input: [2], layers: [] };
export const perceptronTrain: TrainConfig = { loss: 'bce', optimizer: { type: 'sgd', lr: 1 }, batchSize: 1, epochs: 50, seed: 1 };
export const mlpSpec: ModelSpec = {
  input: [2],
  layers: [{ type: 'dense', units: 4 }, { type: 'tanh' }, { type: 'dense', units: 1 }, { type: 'sigmoid' }],
};
export const mlpTrain: TrainConfig = { loss: 'bce', optimizer: { type: 'adam', lr: 0.05 }, batchSize: 16, epochs: 50, seed: 1 };

/** The gate's corners as the workbench has them: 200 jittered points (noise 0.1), 80/20 split. */
export function gateData(gate: Gate): TrainingData {
  return bundledData(gate);
}

/** The square the boundaries are drawn over, with the two inputs as the axes. */
export const gateBounds: PlaneBounds = { min: [-0.5, -0.5], max: [1.5, 1.5] };
const identityPlane: InputPlane = { inputSize: 2, origin: new Float32Array(2), axes: [Float32Array.of(1, 0), Float32Array.of(0, 1)], labels: ['a', 'b'] };

export interface GateEpoch {
  perceptron: EpochMetrics;
  mlp: EpochMetrics;
}

/** Both learners on one gate, stepped an epoch at a time. */
export class GateRace {
  readonly perceptron: PerceptronSession;
  readonly mlp: SequentialSession;
  readonly history: GateEpoch[] = [];

  constructor(readonly gate: Gate, seed = 1) {
    const data = gateData(gate);
    this.perceptron = new PerceptronSession({ spec: perceptronSpec, train: { ...perceptronTrain, epochs: 10_000 }, data, seed });
    this.mlp = new SequentialSession({ spec: mlpSpec, train: { ...mlpTrain, epochs: 10_000 }, data, seed });
  }

  step(): GateEpoch {
    const epoch = { perceptron: this.perceptron.runEpoch(), mlp: this.mlp.runEpoch() };
    this.history.push(epoch);
    return epoch;
  }

  /** Both decision boundaries now, (resolution, resolution) each over gateBounds. */
  boundaries(resolution = 40): { perceptron: BoundaryGrid; mlp: BoundaryGrid } {
    const options = { bounds: gateBounds, resolution: [resolution, resolution] as [number, number] };
    return { perceptron: boundaryGrid(this.perceptron, identityPlane, options), mlp: boundaryGrid(this.mlp, identityPlane, options) };
  }
}

export interface GateResult {
  /** Training accuracy per epoch. */
  perceptronAccuracy: number[];
  mlpAccuracy: number[];
  boundaries: { perceptron: BoundaryGrid; mlp: BoundaryGrid };
}

export function runGateRace(gate: Gate, epochs = 50, seed = 1): GateResult {
  const race = new GateRace(gate, seed);
  for (let e = 0; e < epochs; e++) race.step();
  return {
    perceptronAccuracy: race.history.map((h) => h.perceptron.accuracy ?? 0),
    mlpAccuracy: race.history.map((h) => h.mlp.accuracy ?? 0),
    boundaries: race.boundaries(),
  };
}

export const perceptronExplanation: Explanation = {
  title: 'Perceptron vs MLP on XOR',
  text:
    'A perceptron draws one straight line, w·x + b = 0, and answers 1 on one side. AND and OR can be split by a line; XOR cannot: ' +
    '(0,1) and (1,0) sit on opposite corners from (0,0) and (1,1), so at best three of the four corners are right, however long it trains. ' +
    'One hidden layer of four units bends the boundary: each unit draws its own line and the output combines them, which is why XOR ' +
    'became the classic case for hidden layers.',
  formula: 'perceptron: ŷ = [w·x + b ≥ 0], w ← w + η(y − ŷ)x;  MLP: ŷ = σ(W₂ tanh(W₁x + b₁) + b₂)',
};

export function perceptronWorkbench(gate: Gate, learner: 'perceptron' | 'mlp'): WorkbenchSetup {
  return learner === 'perceptron'
    ? { datasetId: gate, name: `Learn: perceptron on ${gate.toUpperCase()}`, spec: perceptronSpec, train: perceptronTrain }
    : { datasetId: gate, name: `Learn: 2-4-1 MLP on ${gate.toUpperCase()}`, spec: mlpSpec, train: mlpTrain };
}

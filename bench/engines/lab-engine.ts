import type { LayerSpec, ModelSpec } from '../../src-core/contract/model-spec';
import type { TrainConfig } from '../../src-core/contract/run-config';
import { createTrainingSession, kernelBackend, kernelThreads, useKernels, type TrainingSession } from '../../src-core/nn/index';
import { createThreadTeam, type WorkerThreadTeam } from '../../src-main/pool/thread-team';
import { accuracyOf } from './batching';
import { startClock } from './clock';
import type { EngineInput, EngineOutcome } from './engine-types';

/** The lab's own engine: a TrainingSession from src-core, timed over its runEpoch() calls only; `threads` > 1 gives it a thread team. */

export function labSpec(input: EngineInput): ModelSpec {
  const dense = (units: number): LayerSpec => ({ type: 'dense', units });
  switch (input.workload.id) {
    case 'W1':
      return { input: [784], layers: [dense(128), { type: 'relu' }, dense(64), { type: 'relu' }, dense(10), { type: 'softmax' }] };
    case 'W2':
      return {
        input: [1, 28, 28],
        layers: [
          { type: 'conv2d', filters: 8, kernel: 3 },
          { type: 'relu' },
          { type: 'maxpool2d', size: 2 },
          { type: 'conv2d', filters: 16, kernel: 3 },
          { type: 'relu' },
          { type: 'maxpool2d', size: 2 },
          { type: 'flatten' },
          dense(10),
          { type: 'softmax' },
        ],
      };
    case 'W3':
      return { input: [2], layers: [dense(16), { type: 'tanh' }, dense(16), { type: 'tanh' }, dense(1), { type: 'sigmoid' }] };
  }
}

export async function runLab(input: EngineInput, threads = 1): Promise<EngineOutcome> {
  const team = threads > 1 ? createThreadTeam(threads) : null;
  useKernels('wasm', { team });
  try {
    return train(input, team);
  } finally {
    await team?.close();
  }
}

/** The lab's training session for a workload, as the app would create it (a TrainingSession of the core). */
export function labSession(input: EngineInput): TrainingSession {
  const { workload, train, epochs } = input;
  const spec = labSpec(input);
  const binary = workload.id === 'W3';
  const config: TrainConfig = {
    loss: binary ? 'bce' : 'cross_entropy',
    optimizer: workload.optimizer.type === 'adam' ? { type: 'adam', lr: workload.optimizer.lr } : { type: 'sgd', lr: workload.optimizer.lr },
    batchSize: workload.batchSize,
    epochs,
    shuffle: true,
  };
  return createTrainingSession({
    spec,
    train: config,
    seed: input.seed,
    data: {
      inputShape: spec.input,
      task: 'classification',
      classCount: binary ? 2 : 10,
      train: { x: train.x, y: Float32Array.from(train.labels), rows: train.rows },
    },
  });
}

function train(input: EngineInput, team: WorkerThreadTeam | null): EngineOutcome {
  const { workload, train } = input;
  const binary = workload.id === 'W3';
  const session = labSession(input);

  // The app's pool threads keep their teams from run to run: the helpers' start is not a cost of this epoch.
  team?.warm();
  let finalLoss = NaN;
  const stopClock = startClock();
  while (!session.finished) finalLoss = session.runEpoch().loss;
  const { seconds, cpuSeconds } = stopClock();

  const evalSet = input.test ?? train;
  const scores = session.predict(evalSet.x, evalSet.rows);
  return { seconds, cpuSeconds, finalLoss, accuracy: accuracyOf(scores, evalSet.labels, binary ? 1 : 10), note: `kernels ${kernelBackend()}, ${kernelThreads()} thread${kernelThreads() === 1 ? '' : 's'}` };
}

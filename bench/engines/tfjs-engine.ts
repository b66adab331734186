import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { Random } from '../../src-core/data/random';
import { accuracyOf, gatherBatch, shuffledOrder } from './batching';
import { startClock } from './clock';
import { CannotError, type EngineInput, type EngineOutcome } from './engine-types';

/**
 * TensorFlow.js peer: a tf.layers model trained by a hand-written loop around `optimizer.minimize`
 * (lighter than model.fit, which adds callbacks and per-batch awaits).
 */

/** Selects the backend; wasm is pinned to one thread before it starts. */
export async function useBackend(backend: 'cpu' | 'wasm'): Promise<void> {
  if (backend === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const pkg = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json');
    wasm.setWasmPaths(join(dirname(pkg), 'dist') + '/');
    wasm.setThreadsCount(1);
  }
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} failed to start`);
  await tf.ready();
}

function buildModel(input: EngineInput): { model: tf.Sequential; inputShape: number[]; classes: number } {
  const model = tf.sequential();
  switch (input.workload.id) {
    case 'W1':
      model.add(tf.layers.dense({ units: 128, activation: 'relu', inputShape: [784] }));
      model.add(tf.layers.dense({ units: 64, activation: 'relu' }));
      model.add(tf.layers.dense({ units: 10 }));
      return { model, inputShape: [784], classes: 10 };
    case 'W2':
      model.add(tf.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }));
      model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
      model.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }));
      model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
      model.add(tf.layers.flatten());
      model.add(tf.layers.dense({ units: 10 }));
      return { model, inputShape: [28, 28, 1], classes: 10 };
    case 'W3':
      model.add(tf.layers.dense({ units: 16, activation: 'tanh', inputShape: [2] }));
      model.add(tf.layers.dense({ units: 16, activation: 'tanh' }));
      // Logits: sigmoidCrossEntropy below is sigmoid + BCE in one stable op.
      model.add(tf.layers.dense({ units: 1 }));
      return { model, inputShape: [2], classes: 1 };
  }
}

export async function runTfjs(input: EngineInput): Promise<EngineOutcome> {
  try {
    return await train(input);
  } catch (error) {
    // A gradient kernel the backend lacks is a capability gap, not a crash of the bench.
    const missing = error instanceof Error ? /Kernel '(\w+)' not registered for backend '(\w+)'/.exec(error.message) : null;
    if (missing) throw new CannotError(`TF.js ${missing[2]} backend has no ${missing[1]} kernel, so it cannot train this model`);
    throw error;
  }
}

async function train(input: EngineInput): Promise<EngineOutcome> {
  const { workload, train, epochs } = input;
  const { model, inputShape, classes } = buildModel(input);
  const optimizer = workload.optimizer.type === 'adam' ? tf.train.adam(workload.optimizer.lr) : tf.train.sgd(workload.optimizer.lr);
  const rng = new Random(input.seed);
  const batch = workload.batchSize;
  const xBuf = new Float32Array(batch * train.features);
  const yBuf = new Int32Array(batch);
  const lossOf = (x: tf.Tensor, y: tf.Tensor, size: number): tf.Scalar => {
    const out = model.apply(x, { training: true }) as tf.Tensor;
    if (classes === 1) return tf.losses.sigmoidCrossEntropy(y.reshape([size, 1]).toFloat(), out) as tf.Scalar;
    return tf.losses.softmaxCrossEntropy(tf.oneHot(y, classes), out) as tf.Scalar;
  };

  let lastEpochLoss = 0;
  const stopClock = startClock();
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = shuffledOrder(train.rows, rng);
    let lossSum = 0;
    for (let start = 0; start < train.rows; start += batch) {
      const size = Math.min(batch, train.rows - start);
      gatherBatch(train, order, start, size, xBuf, yBuf);
      const loss = tf.tidy(() => {
        const x = tf.tensor(xBuf.subarray(0, size * train.features), [size, ...inputShape]);
        const y = tf.tensor1d(yBuf.subarray(0, size), 'int32');
        return optimizer.minimize(() => lossOf(x, y, size), true)!;
      });
      lossSum += loss.dataSync()[0]! * size;
      loss.dispose();
    }
    lastEpochLoss = lossSum / train.rows;
  }
  const { seconds, cpuSeconds } = stopClock();

  const evalSet = input.test ?? train;
  const scores = tf.tidy(() => {
    const out = model.predict(tf.tensor(evalSet.x, [evalSet.rows, ...inputShape])) as tf.Tensor;
    return classes === 1 ? tf.sigmoid(out) : out;
  });
  const accuracy = accuracyOf(scores.dataSync(), evalSet.labels, classes);
  scores.dispose();
  return { seconds, cpuSeconds, finalLoss: lastEpochLoss, accuracy };
}

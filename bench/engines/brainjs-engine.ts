import brain from 'brain.js';
import { startClock } from './clock';
import type { EngineInput, EngineOutcome } from './engine-types';
import { CannotError } from './engine-types';

/**
 * brain.js 1.6.1 peer, MLP workloads only. Its NeuralNetwork trains one sample at a time (no batches), puts the
 * hidden activation on the output layer too and minimises squared error, so it runs the nearest model it can:
 * the ratio is not like-for-like, and the note says so.
 */

export async function runBrainjs(input: EngineInput): Promise<EngineOutcome> {
  const { workload, train, epochs } = input;
  if (workload.id === 'W2') throw new CannotError('brain.js 1.6.1 has no convolution layers');
  const classes = workload.id === 'W1' ? 10 : 1;
  const f = train.features;
  // brain.js reads plain arrays only (a typed array is taken for a key/value object); converted before timing.
  const samples = Array.from({ length: train.rows }, (_, r) => {
    const output = new Array<number>(classes).fill(0);
    if (classes === 1) output[0] = train.labels[r]!;
    else output[train.labels[r]!] = 1;
    return { input: Array.from(train.x.subarray(r * f, r * f + f)), output };
  });
  const net = new brain.NeuralNetwork({
    hiddenLayers: workload.id === 'W1' ? [128, 64] : [16, 16],
    activation: workload.id === 'W1' ? 'relu' : 'tanh',
  });
  const options = {
    iterations: epochs,
    errorThresh: 1e-9, // effectively never stop early (it must lie in (0, 1))
    learningRate: workload.optimizer.lr,
    momentum: 1e-9, // effectively none (brain.js rejects 0)
    praxis: workload.optimizer.type === 'adam' ? ('adam' as const) : null,
  };

  const stopClock = startClock();
  const status = net.train(samples, options);
  const { seconds, cpuSeconds } = stopClock();

  const evalSet = input.test ?? train;
  let right = 0;
  for (let r = 0; r < evalSet.rows; r++) {
    const out = net.run(Array.from(evalSet.x.subarray(r * f, r * f + f))) as ArrayLike<number>;
    let predicted = 0;
    if (classes === 1) predicted = out[0]! >= 0.5 ? 1 : 0;
    else for (let c = 1; c < classes; c++) if (out[c]! > out[predicted]!) predicted = c;
    if (predicted === evalSet.labels[r]) right++;
  }
  const activation = workload.id === 'W1' ? 'ReLU' : 'tanh';
  return {
    seconds,
    cpuSeconds,
    finalLoss: status.error,
    accuracy: right / evalSet.rows,
    note: `nearest it can do: batch 1 (per-sample ${options.praxis ? 'Adam' : 'SGD'}), ${activation} on the output, squared-error loss (final loss is its MSE)`,
  };
}

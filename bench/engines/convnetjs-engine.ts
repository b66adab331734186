import convnetjs, { type Net } from 'convnetjs';
import { Random } from '../../src-core/data/random';
import { shuffledOrder } from './batching';
import { startClock } from './clock';
import type { EngineInput, EngineOutcome } from './engine-types';

/**
 * ConvNetJS peer. It trains one sample at a time and accumulates gradients; the step runs every `batchSize` samples.
 * ConvNetJS 0.3.0 on npm ships no Adam, so Adam is a loop here over its params and summed grads (PyTorch's formula);
 * SGD is its own Trainer with momentum 0. Sigmoid + BCE (W3) is a 2-class softmax, the same model family.
 */

function layerDefs(input: EngineInput): Array<Record<string, unknown>> {
  switch (input.workload.id) {
    case 'W1':
      return [
        { type: 'input', out_sx: 1, out_sy: 1, out_depth: 784 },
        { type: 'fc', num_neurons: 128, activation: 'relu' },
        { type: 'fc', num_neurons: 64, activation: 'relu' },
        { type: 'softmax', num_classes: 10 },
      ];
    case 'W2':
      return [
        { type: 'input', out_sx: 28, out_sy: 28, out_depth: 1 },
        { type: 'conv', sx: 3, filters: 8, stride: 1, pad: 0, activation: 'relu' },
        { type: 'pool', sx: 2, stride: 2 },
        { type: 'conv', sx: 3, filters: 16, stride: 1, pad: 0, activation: 'relu' },
        { type: 'pool', sx: 2, stride: 2 },
        { type: 'softmax', num_classes: 10 },
      ];
    case 'W3':
      return [
        { type: 'input', out_sx: 1, out_sy: 1, out_depth: 2 },
        { type: 'fc', num_neurons: 16, activation: 'tanh' },
        { type: 'fc', num_neurons: 16, activation: 'tanh' },
        { type: 'softmax', num_classes: 2 },
      ];
  }
}

/** Adam over ConvNetJS's parameter list, stepping with the mean of the summed per-sample gradients. */
function makeAdam(net: Net, lr: number): (batch: number) => void {
  const beta1 = 0.9;
  const beta2 = 0.999;
  const eps = 1e-8;
  const lists = net.getParamsAndGrads();
  const m = lists.map((pg) => new Float64Array(pg.params.length));
  const v = lists.map((pg) => new Float64Array(pg.params.length));
  let t = 0;
  return (batch) => {
    t++;
    const c1 = 1 - beta1 ** t;
    const c2 = 1 - beta2 ** t;
    // getParamsAndGrads re-reads the layers each step: some layers replace their grad arrays.
    net.getParamsAndGrads().forEach((pg, i) => {
      const p = pg.params;
      const g = pg.grads;
      const mi = m[i]!;
      const vi = v[i]!;
      for (let j = 0; j < p.length; j++) {
        const gj = g[j]! / batch;
        mi[j] = beta1 * mi[j]! + (1 - beta1) * gj;
        vi[j] = beta2 * vi[j]! + (1 - beta2) * gj * gj;
        p[j]! -= (lr * (mi[j]! / c1)) / (Math.sqrt(vi[j]! / c2) + eps);
        g[j] = 0;
      }
    });
  };
}

export async function runConvnetjs(input: EngineInput): Promise<EngineOutcome> {
  const { workload, train, epochs } = input;
  const net = new convnetjs.Net();
  net.makeLayers(layerDefs(input));
  const image = workload.dataset === 'fashion-mnist' && workload.id === 'W2';
  const vol = image ? new convnetjs.Vol(28, 28, 1, 0) : new convnetjs.Vol(1, 1, train.features, 0);
  const f = train.features;
  const batch = workload.batchSize;
  const adam = workload.optimizer.type === 'adam' ? makeAdam(net, workload.optimizer.lr) : undefined;
  const trainer = adam
    ? undefined
    : new convnetjs.Trainer(net, { method: 'sgd', learning_rate: workload.optimizer.lr, momentum: 0, batch_size: batch, l2_decay: 0 });
  const rng = new Random(input.seed);

  let lastEpochLoss = 0;
  const stopClock = startClock();
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = shuffledOrder(train.rows, rng);
    let lossSum = 0;
    for (let i = 0; i < train.rows; i++) {
      const row = order[i]!;
      vol.w.set(train.x.subarray(row * f, row * f + f));
      const label = train.labels[row]!;
      if (trainer) lossSum += trainer.train(vol, label).cost_loss;
      else {
        net.forward(vol, true);
        lossSum += net.backward(label);
        const inBatch = (i % batch) + 1;
        if (inBatch === batch || i === train.rows - 1) adam!(inBatch);
      }
    }
    lastEpochLoss = lossSum / train.rows;
  }
  const { seconds, cpuSeconds } = stopClock();

  const evalSet = input.test ?? train;
  let right = 0;
  for (let row = 0; row < evalSet.rows; row++) {
    vol.w.set(evalSet.x.subarray(row * f, row * f + f));
    const probs = net.forward(vol, false).w;
    let best = 0;
    for (let c = 1; c < probs.length; c++) if (probs[c]! > probs[best]!) best = c;
    if (best === evalSet.labels[row]) right++;
  }
  const note =
    workload.optimizer.type === 'adam'
      ? 'Adam step written in the harness (ConvNetJS 0.3.0 has none); per-sample forward/backward'
      : workload.id === 'W3'
        ? '2-class softmax in place of sigmoid + BCE (ConvNetJS has no BCE loss); its own SGD Trainer'
        : undefined;
  return { seconds, cpuSeconds, finalLoss: lastEpochLoss, accuracy: right / evalSet.rows, ...(note ? { note } : {}) };
}

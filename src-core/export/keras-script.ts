import type { LayerSpec } from '../contract/model-spec';
import type { OptimizerConfig, TrainConfig } from '../contract/run-config';
import { analyzeSpec, type LayerInfo } from '../nn/spec-analysis';
import type { ExportSource } from './export-source';
import { pythonData } from './python-data';
import { embeddedWeights, pythonJson, pythonNumber as num } from './python-literals';

/**
 * A tf.keras script for a trained run (docs/FORMATS.md, "The Keras script"): the same network as a
 * keras.Sequential in Keras's channels-last layout (a Permute in front of the first image layer and before a
 * flatten keeps the lab's C, H, W order for the dense layers after it), the weights transposed to Keras's
 * layout (dense (in, out), conv (k, k, C, F), batch norm [γ, β, mean, var]), the same preprocessing, and the
 * training set-up (loss, optimizer, l1/l2 as kernel regularizers, global clipnorm, schedule, batch size).
 */

/** Keras layers for one lab layer, as Python expressions; image layers see (H, W, C). */
function kerasLayers(info: LayerInfo, l1: number, l2: number): string[] {
  const spec: LayerSpec = info.spec;
  const reg = l1 || l2 ? `, kernel_regularizer=keras.regularizers.L1L2(l1=${num(l1)}, l2=${num(l2)})` : '';
  const bias = (b: boolean | undefined): string => (b === false ? ', use_bias=False' : '');
  const name = `, name="layer_${info.index}"`;
  switch (spec.type) {
    case 'dense':
      return [`layers.Dense(${spec.units}${bias(spec.bias)}${reg}${name})`];
    case 'conv2d': {
      const pad = spec.padding ?? 0;
      const conv = `layers.Conv2D(${spec.filters}, ${spec.kernel}, strides=${spec.stride ?? 1}${bias(spec.bias)}${reg}${name})`;
      return pad > 0 ? [`layers.ZeroPadding2D(${pad})`, conv] : [conv];
    }
    case 'maxpool2d':
      return [`layers.MaxPooling2D(${spec.size}, strides=${spec.stride ?? spec.size})`];
    case 'avgpool2d':
      return [`layers.AveragePooling2D(${spec.size}, strides=${spec.stride ?? spec.size})`];
    case 'flatten':
      // Back to (C, H, W) first, so the flattened order (and the next dense layer's weights) is the lab's.
      return info.inputShape.length === 3 ? ['layers.Permute((3, 1, 2))', 'layers.Flatten()'] : ['layers.Flatten()'];
    case 'dropout':
      return [`layers.Dropout(${num(spec.rate)})`];
    case 'batchnorm':
      // Keras's momentum is the share the running value keeps: 1 − PyTorch's.
      return [`layers.BatchNormalization(momentum=${num(1 - (spec.momentum ?? 0.1))}, epsilon=${num(spec.eps ?? 1e-5)}${name})`];
    case 'relu':
      return ['layers.ReLU()'];
    case 'leaky_relu':
      return [`layers.LeakyReLU(${num(spec.alpha ?? 0.01)})`];
    case 'elu':
      return [`layers.ELU(${num(spec.alpha ?? 1)})`];
    case 'sigmoid':
    case 'tanh':
    case 'swish':
    case 'linear':
      return [`layers.Activation("${spec.type}")`];
    case 'gelu':
      return ['layers.Activation(exact_gelu)'];
    case 'softmax':
      return ['layers.Softmax()'];
  }
}

function kerasOptimizer(o: OptimizerConfig, clipNorm: number | undefined): string {
  const clip = clipNorm ? `, global_clipnorm=${num(clipNorm)}` : '';
  switch (o.type) {
    case 'sgd':
      return `keras.optimizers.SGD(learning_rate=${num(o.lr ?? 0.01)}, momentum=${num(o.momentum ?? 0)}, nesterov=${o.nesterov ? 'True' : 'False'}${clip})`;
    case 'adam':
    case 'adamw': {
      const [b1, b2] = o.betas ?? [0.9, 0.999];
      const cls = o.type === 'adam' ? 'Adam' : 'AdamW';
      const wd = o.type === 'adamw' ? `, weight_decay=${num(o.weight_decay ?? 0.01)}` : '';
      return `keras.optimizers.${cls}(learning_rate=${num(o.lr ?? 0.001)}, beta_1=${num(b1)}, beta_2=${num(b2)}, epsilon=${num(o.eps ?? 1e-8)}${wd}${clip})`;
    }
    case 'rmsprop':
      return `keras.optimizers.RMSprop(learning_rate=${num(o.lr ?? 0.01)}, rho=${num(o.alpha ?? 0.99)}, momentum=${num(o.momentum ?? 0)}, epsilon=${num(o.eps ?? 1e-8)}${clip})`;
    case 'adagrad':
      return `keras.optimizers.Adagrad(learning_rate=${num(o.lr ?? 0.01)}, initial_accumulator_value=0.0, epsilon=${num(o.eps ?? 1e-10)}${clip})`;
  }
}

function kerasLoss(train: TrainConfig): string {
  switch (train.loss) {
    case 'cross_entropy':
      return 'keras.losses.SparseCategoricalCrossentropy()';
    case 'bce':
      return 'keras.losses.BinaryCrossentropy()';
    case 'mse':
      return 'keras.losses.MeanSquaredError()';
    case 'mae':
      return 'keras.losses.MeanAbsoluteError()';
    case 'huber':
      return `keras.losses.Huber(delta=${num(train.huberDelta ?? 1)})`;
  }
}

const fallbackTrain: TrainConfig = { loss: 'mse', optimizer: { type: 'sgd' }, batchSize: 32, epochs: 1 };

/** The script's text; `fileName` is what its usage lines call it. */
export function kerasScript(source: ExportSource, task: 'classification' | 'regression' | 'multilabel', fileName = 'run_keras.py'): string {
  const analysis = analyzeSpec(source.spec);
  const train = source.train ?? fallbackTrain;
  const image = source.spec.input.length === 3;
  const layerLines = [
    `keras.Input(shape=(${source.spec.input.join(', ')},))`,
    ...(image ? ['layers.Permute((2, 3, 1))  # (C, H, W) → Keras\'s (H, W, C)'] : []),
    ...(analysis.kind === 'perceptron'
      ? [`layers.Dense(${analysis.outputShape[0]}, name="layer_0")`, 'layers.Activation(step)  # the perceptron\'s step units']
      : analysis.layers.flatMap((l) => kerasLayers(l, train.l1 ?? 0, train.l2 ?? 0))),
  ];
  const outputs = analysis.outputShape[0]!;
  const perceptron = analysis.kind === 'perceptron';
  const weightsNote = perceptron ? "\nThe perceptron rule does not translate to Keras (a step has no gradient): train is refused; the PyTorch script\ntrains it by the rule." : '';
  return `#!/usr/bin/env python3
"""NN Lab run ${JSON.stringify(source.name)}, exported for tf.keras (docs/FORMATS.md, "The Keras script").

  python3 ${fileName} predict data.csv [--out predictions.csv]
  python3 ${fileName} eval data.csv
  python3 ${fileName} train data.csv --epochs N [--out trained.weights.h5]

Needs TensorFlow 2 (tf.keras). The weights are embedded below as a safetensors file in PyTorch's layout and
transposed to Keras's when loaded.${weightsNote}
"""
import argparse
import base64
import csv
import io
import json
import math
import struct
import sys

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

RUN_NAME = ${JSON.stringify(source.name)}
INPUT_SHAPE = ${JSON.stringify(source.spec.input)}
TASK = ${JSON.stringify(task)}
OUTPUTS = ${outputs}
TARGET_WIDTH = ${task === 'classification' ? 1 : outputs}
PREPROCESS = ${pythonJson(source.preprocess)}
TRAIN = ${pythonJson(train)}
PERCEPTRON = ${perceptron ? 'True' : 'False'}
WEIGHTS = ${embeddedWeights(source.state)}


def exact_gelu(x):
    return 0.5 * x * (1.0 + tf.math.erf(x / math.sqrt(2.0)))


def step(x):
    return tf.cast(x >= 0, x.dtype)


def build_model():
    return keras.Sequential([
${layerLines.map((l) => `        ${l.replace(/^(.*?)( {2}# .*)?$/, '$1,$2')}`).join('\n')}
    ])


def read_safetensors(data):
    """{name: numpy float32 array} from safetensors bytes."""
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length].decode("utf-8"))
    header.pop("__metadata__", None)
    out = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        out[name] = np.frombuffer(data[8 + length + begin:8 + length + end], dtype="<f4").reshape(entry["shape"]).copy()
    return out


def load_weights(model):
    """The lab's (PyTorch-layout) weights into the Keras layers: dense Wᵀ, conv (F, C, k, k) → (k, k, C, F)."""
    tensors = read_safetensors(base64.b64decode("".join(WEIGHTS)))
    for layer in model.layers:
        if not layer.name.startswith("layer_"):
            continue
        i = layer.name[len("layer_"):]
        w = tensors.get(f"{i}.weight")
        b = tensors.get(f"{i}.bias")
        if isinstance(layer, layers.BatchNormalization):
            layer.set_weights([w, b, tensors[f"{i}.running_mean"], tensors[f"{i}.running_var"]])
        elif isinstance(layer, layers.Conv2D):
            layer.set_weights([w.transpose(2, 3, 1, 0)] + ([b] if b is not None else []))
        else:
            layer.set_weights([w.T] + ([b] if b is not None else []))
${pythonData}

def load_data(path, with_targets, on_missing):
    xs, ys = encoded_rows(path, with_targets, on_missing)
    if with_targets:
        if TASK == "classification" and TRAIN["loss"] != "cross_entropy" and OUTPUTS > 1:
            ys = np.eye(OUTPUTS, dtype="float32")[ys]
        else:
            ys = np.asarray(ys, dtype="float32").reshape(len(ys), -1)
    x = np.asarray(xs, dtype="float32").reshape([len(xs)] + INPUT_SHAPE)
    return x, ys


def learning_rate(epoch, lr):
    """The lab's schedule (src-core/nn/schedules.ts) for the epoch about to run (0-based here)."""
    c = TRAIN.get("schedule")
    base = ${num(train.optimizer.lr ?? (train.optimizer.type === 'adam' || train.optimizer.type === 'adamw' ? 0.001 : 0.01))}
    if c is None or c["type"] == "reduce_on_plateau":
        return lr
    if c["type"] == "step":
        return base * c.get("gamma", 0.1) ** (epoch // c["stepSize"])
    if c["type"] == "exponential":
        return base * c["gamma"] ** epoch
    if c["type"] == "cosine":
        t_max = c.get("tMax", max(1, TRAIN["epochs"]))
        low = c.get("minLr", 0)
        return low + (base - low) * (1 + math.cos(math.pi * min(epoch, t_max) / t_max)) / 2
    return base * min(epoch + 1, c["epochs"]) / c["epochs"]


def compiled_model():
    model = build_model()
    load_weights(model)
    model.compile(optimizer=${kerasOptimizer(train.optimizer, train.clipNorm)}, loss=${kerasLoss(train)})
    return model


def main():
    parser = argparse.ArgumentParser(description=f"NN Lab run {RUN_NAME!r} in tf.keras")
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("predict", "eval", "train"):
        sub = commands.add_parser(name)
        sub.add_argument("data")
        if name == "predict":
            sub.add_argument("--out")
        if name == "train":
            sub.add_argument("--epochs", type=int, required=True)
            sub.add_argument("--out", default="trained.weights.h5")
    args = parser.parse_args()
    keras.utils.set_random_seed(TRAIN.get("seed", 0))
    model = compiled_model()
    try:
        if args.command == "predict":
            x, _ = load_data(args.data, False, "fail")
            out = model.predict(x, verbose=0)
            text = "\\n".join([",".join(f"output_{i}" for i in range(out.shape[1]))] + [",".join(repr(float(v)) for v in row) for row in out]) + "\\n"
            open(args.out, "w").write(text) if args.out else sys.stdout.write(text)
        elif args.command == "eval":
            x, y = load_data(args.data, True, "drop")
            print(json.dumps({"task": TASK, "rows": len(x), "loss": float(model.evaluate(x, y, verbose=0)), "lossName": TRAIN["loss"]}, indent=2))
        elif PERCEPTRON:
            raise SystemExit("the perceptron rule does not translate to Keras; train with the PyTorch export")
        else:
            x, y = load_data(args.data, True, "drop")
            plateau = TRAIN.get("schedule") or {}
            callbacks = [keras.callbacks.LearningRateScheduler(learning_rate)]
            if plateau.get("type") == "reduce_on_plateau":
                callbacks = [keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=plateau.get("factor", 0.1), patience=plateau.get("patience", 10), min_lr=plateau.get("minLr", 0))]
            model.fit(x, y, epochs=args.epochs, batch_size=TRAIN["batchSize"], shuffle=TRAIN.get("shuffle", True), callbacks=callbacks)
            model.save_weights(args.out)
    except DataError as error:
        raise SystemExit(str(error)) from None


if __name__ == "__main__":
    main()
`;
}

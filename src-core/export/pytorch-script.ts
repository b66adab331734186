import type { LayerSpec } from '../contract/model-spec';
import type { OptimizerConfig, TrainConfig } from '../contract/run-config';
import { analyzeSpec, type LayerInfo } from '../nn/spec-analysis';
import type { ExportSource } from './export-source';
import { pythonData } from './python-data';
import { embeddedWeights, pythonJson, pythonNumber as num, pythonSafetensors } from './python-literals';

/**
 * One self-contained PyTorch script for a trained run (docs/FORMATS.md, "The PyTorch script"): the network as
 * nn.Sequential (indices = the lab's state_dict names), the weights and optimizer moments embedded as a
 * base64 safetensors file, the fitted preprocessing, and three commands: predict, eval and train (which
 * continues with the run's loss, optimizer and its state, schedule, penalties, clipping and batch size, on one
 * process or under torchrun with DistributedDataParallel over gloo).
 */

/** The torch.nn constructor of one layer: PyTorch's defaults left out, the lab's differences written. */
function torchLayer(info: LayerInfo): string {
  const spec: LayerSpec = info.spec;
  const bias = (b: boolean | undefined): string => (b === false ? ', bias=False' : '');
  switch (spec.type) {
    case 'dense':
      return `nn.Linear(${info.inputShape[0]}, ${spec.units}${bias(spec.bias)})`;
    case 'conv2d': {
      const stride = (spec.stride ?? 1) !== 1 ? `, stride=${spec.stride}` : '';
      const padding = (spec.padding ?? 0) !== 0 ? `, padding=${spec.padding}` : '';
      return `nn.Conv2d(${info.inputShape[0]}, ${spec.filters}, ${spec.kernel}${stride}${padding}${bias(spec.bias)})`;
    }
    case 'maxpool2d':
    case 'avgpool2d': {
      const stride = spec.stride !== undefined && spec.stride !== spec.size ? `, stride=${spec.stride}` : '';
      return `nn.${spec.type === 'maxpool2d' ? 'MaxPool2d' : 'AvgPool2d'}(${spec.size}${stride})`;
    }
    case 'flatten':
      return 'nn.Flatten()';
    case 'dropout':
      return `nn.Dropout(${num(spec.rate)})`;
    case 'batchnorm': {
      const eps = (spec.eps ?? 1e-5) !== 1e-5 ? `, eps=${num(spec.eps!)}` : '';
      const momentum = (spec.momentum ?? 0.1) !== 0.1 ? `, momentum=${num(spec.momentum!)}` : '';
      return `nn.BatchNorm${info.inputShape.length === 3 ? '2d' : '1d'}(${info.inputShape[0]}${eps}${momentum})`;
    }
    case 'relu':
      return 'nn.ReLU()';
    case 'leaky_relu':
      return `nn.LeakyReLU(${num(spec.alpha ?? 0.01)})`;
    case 'elu':
      return `nn.ELU(${num(spec.alpha ?? 1)})`;
    case 'sigmoid':
      return 'nn.Sigmoid()';
    case 'tanh':
      return 'nn.Tanh()';
    case 'swish':
      return 'nn.SiLU()';
    case 'gelu':
      return 'nn.GELU()';
    case 'softmax':
      return 'nn.Softmax(dim=1)';
    case 'linear':
      return 'nn.Identity()';
  }
}

const layerNotes: Partial<Record<LayerSpec['type'], string>> = {
  swish: 'swish, x·sigmoid(x)',
  gelu: 'the exact erf form, as the lab',
  dropout: 'inverted dropout, identity in eval()',
};

/** The optimizer's constructor with every setting written out (the lab's defaults are PyTorch's). */
export function torchOptimizer(o: OptimizerConfig): string {
  switch (o.type) {
    case 'sgd':
      return `torch.optim.SGD(params, lr=${num(o.lr ?? 0.01)}, momentum=${num(o.momentum ?? 0)}, nesterov=${o.nesterov ? 'True' : 'False'}, weight_decay=${num(o.weight_decay ?? 0)})`;
    case 'adam':
    case 'adamw': {
      const [b1, b2] = o.betas ?? [0.9, 0.999];
      const wd = o.weight_decay ?? (o.type === 'adamw' ? 0.01 : 0);
      return `torch.optim.${o.type === 'adam' ? 'Adam' : 'AdamW'}(params, lr=${num(o.lr ?? 0.001)}, betas=(${num(b1)}, ${num(b2)}), eps=${num(o.eps ?? 1e-8)}, weight_decay=${num(wd)})`;
    }
    case 'rmsprop':
      return `torch.optim.RMSprop(params, lr=${num(o.lr ?? 0.01)}, alpha=${num(o.alpha ?? 0.99)}, eps=${num(o.eps ?? 1e-8)}, momentum=${num(o.momentum ?? 0)}, weight_decay=${num(o.weight_decay ?? 0)})`;
    case 'adagrad':
      return `torch.optim.Adagrad(params, lr=${num(o.lr ?? 0.01)}, eps=${num(o.eps ?? 1e-10)}, weight_decay=${num(o.weight_decay ?? 0)})`;
  }
}

/** The run's training settings when the source has none (a bare model file): plain SGD, batches of 32. */
const fallbackTrain: TrainConfig = { loss: 'mse', optimizer: { type: 'sgd' }, batchSize: 32, epochs: 1 };

/** The script's text; `fileName` is what its usage lines call it. */
export function pytorchScript(source: ExportSource, task: 'classification' | 'regression' | 'multilabel', fileName = 'run.py'): string {
  const analysis = analyzeSpec(source.spec);
  const train = source.train ?? fallbackTrain;
  const perceptron = analysis.kind === 'perceptron';
  const layers = perceptron
    ? [`nn.Linear(${analysis.inputShape[0]}, ${analysis.outputShape[0]}),  # 0: step units, trained by the perceptron rule`, 'Step(),  # 1']
    : analysis.layers.map((l) => `${torchLayer(l)},  # ${l.index}${layerNotes[l.type] ? `: ${layerNotes[l.type]}` : ''}`);
  const penalized = analysis.layers.flatMap((l) => l.tensors.filter((t) => t.penalized).map((t) => `${l.index}.${t.name}`));
  const outputs = analysis.outputShape[0]!;
  const fused = !perceptron && (train.loss === 'cross_entropy' || train.loss === 'bce');
  return `#!/usr/bin/env python3
"""NN Lab run ${JSON.stringify(source.name)}, exported for PyTorch (docs/FORMATS.md, "The PyTorch script").

  python3 ${fileName} predict data.csv [--out predictions.csv] [--weights trained.safetensors]
  python3 ${fileName} eval data.csv [--weights trained.safetensors]
  python3 ${fileName} train data.csv --epochs N [--out trained.safetensors] [--no-shuffle]
  torchrun --nproc_per_node=K ${fileName} train data.csv --epochs N   (DistributedDataParallel, gloo)
    (PyTorch 1.13 under Python 3.11, as Debian ships it: add --redirects 2 --tee 2 after --nproc_per_node,
    or torchrun fails on its own defaults before starting)

train continues the run: its optimizer state (moments, step count), learning-rate schedule and epoch count.
Each global batch of TRAIN["batchSize"] rows is split across the ranks and the loss scaled so that the averaged
gradient is the whole batch's, as on one process. Batch norm uses each rank's rows for its batch statistics.

Needs PyTorch only: the weights and the optimizer's state are embedded below as a safetensors file.
"""
import argparse
import base64
import csv
import io
import json
import math
import os
import struct
import sys

import torch
import torch.nn.functional as F
from torch import nn

RUN_NAME = ${JSON.stringify(source.name)}
SPEC = ${pythonJson(source.spec)}
INPUT_SHAPE = ${JSON.stringify(source.spec.input)}
TASK = ${JSON.stringify(task)}
OUTPUTS = ${outputs}
TARGET_WIDTH = ${task === 'classification' ? 1 : outputs}
# The preprocessor fitted on the training rows (scales, fills, yes/no words, one-hot categories, classes).
PREPROCESS = ${pythonJson(source.preprocess)}
TRAIN = ${pythonJson(train)}
# The optimizer's step count, epochs done and schedule state at the run's end (moments: in WEIGHTS).
OPTIMIZER_STATE = ${pythonJson(source.optimizerState ? { ...source.optimizerState, tensors: undefined } : undefined)}
PENALIZED = ${JSON.stringify(penalized)}
PERCEPTRON = ${perceptron ? 'True' : 'False'}
# The loss takes the logits before the final ${fused ? (train.loss === 'bce' ? 'sigmoid' : 'softmax') : 'layer'}${fused ? '' : ' (not used: the loss takes the outputs)'}.
FUSED_LOSS = ${fused ? 'True' : 'False'}
WEIGHTS = ${embeddedWeights(source.state, source.optimizerState)}


class Step(nn.Module):
    """The perceptron's step: 1 where x >= 0."""

    def forward(self, x):
        return (x >= 0).to(x.dtype)


def build_model():
    """The network; module indices are the state_dict names (0.weight, ...)."""
    return nn.Sequential(
${layers.map((l) => `        ${l}`).join('\n')}
    )


def make_optimizer(params):
    return ${torchOptimizer(train.optimizer)}
${pythonSafetensors}

def load_weights(model, path=None):
    """The embedded weights (or a safetensors file's) into the model; returns the optimizer moments."""
    tensors = read_safetensors(base64.b64decode("".join(WEIGHTS)) if path is None else open(path, "rb").read())
    moments = {k: v for k, v in tensors.items() if k.startswith("optimizer.")}
    state = {k: v for k, v in tensors.items() if not k.startswith("optimizer.") and not k.endswith("num_batches_tracked")}
    model.load_state_dict(state, strict=False)
    missing = set(k for k in model.state_dict() if not k.endswith("num_batches_tracked")) - set(state)
    if missing:
        raise SystemExit(f"the weights lack {sorted(missing)}")
    return moments
${pythonData}

def load_data(path, with_targets, on_missing):
    xs, ys = encoded_rows(path, with_targets, on_missing)
    x = torch.tensor(xs, dtype=torch.float32).reshape([len(xs)] + INPUT_SHAPE)
    return x, ys


def target_tensor(ys, outputs):
    """The targets as the loss reads them: class indices for cross_entropy, one-hot or 0/1 rows otherwise."""
    if TASK != "classification":
        return torch.tensor(ys, dtype=torch.float32).reshape(len(ys), -1)
    index = torch.tensor(ys, dtype=torch.long)
    if TRAIN["loss"] == "cross_entropy" and not PERCEPTRON:
        return index
    if outputs == 1:
        return index.to(torch.float32).reshape(-1, 1)
    return F.one_hot(index, outputs).to(torch.float32)


def loss_sum(z, y):
    """The loss summed over the rows (and outputs); divided by loss_count it is the lab's mean."""
    name = TRAIN["loss"]
    if name == "cross_entropy":
        return F.cross_entropy(z, y, reduction="sum")
    if name == "bce":
        return F.binary_cross_entropy_with_logits(z, y, reduction="sum")
    if name == "mse":
        return F.mse_loss(z, y, reduction="sum")
    if name == "mae":
        return F.l1_loss(z, y, reduction="sum")
    return F.huber_loss(z, y, reduction="sum", delta=TRAIN.get("huberDelta", 1.0))


def loss_count(rows, outputs):
    return rows if TRAIN["loss"] == "cross_entropy" else rows * outputs


def penalty(model):
    """l1·Σ|w| + l2·Σw² over the dense and conv2d weights."""
    named = dict(model.named_parameters())
    total = torch.zeros(())
    l1, l2 = TRAIN.get("l1", 0), TRAIN.get("l2", 0)
    for key in PENALIZED:
        w = named[key]
        if l1:
            total = total + l1 * w.abs().sum()
        if l2:
            total = total + l2 * (w * w).sum()
    return total


class Schedule:
    """The lab's per-epoch learning rate (src-core/nn/schedules.ts), continued from the run's state."""

    def __init__(self, base, total_epochs, state):
        self.config = TRAIN.get("schedule")
        self.base = base
        self.total = total_epochs
        kind = self.config["type"] if self.config else None
        self.lr = base / self.config["epochs"] if kind == "warmup" else base
        self.best, self.bad = math.inf, 0
        if state:
            self.lr = state["lr"]
            self.best = math.inf if state["best"] is None else state["best"]
            self.bad = state["badEpochs"]

    def end_epoch(self, done, loss):
        c = self.config
        if c is None:
            return
        kind, base = c["type"], self.base
        if kind == "step":
            self.lr = base * c.get("gamma", 0.1) ** (done // c["stepSize"])
        elif kind == "exponential":
            self.lr = base * c["gamma"] ** done
        elif kind == "cosine":
            t_max = c.get("tMax", max(1, self.total))
            low = c.get("minLr", 0)
            self.lr = low + (base - low) * (1 + math.cos(math.pi * min(done, t_max) / t_max)) / 2
        elif kind == "warmup":
            self.lr = base * min(done + 1, c["epochs"]) / c["epochs"]
        elif kind == "reduce_on_plateau":
            # No validation split here: the training loss is the monitor.
            if loss < self.best * (1 - 1e-4):
                self.best, self.bad = loss, 0
            else:
                self.bad += 1
            if self.bad > c.get("patience", 10):
                reduced = max(self.lr * c.get("factor", 0.1), c.get("minLr", 0))
                if self.lr - reduced > 1e-8:
                    self.lr = reduced
                self.bad = 0


def restore_optimizer(optimizer, model, moments):
    """The run's moments and step count into the PyTorch optimizer (the lab keeps PyTorch's names)."""
    if not OPTIMIZER_STATE or OPTIMIZER_STATE["steps"] == 0:
        return
    if not moments and OPTIMIZER_STATE["type"] != "sgd":
        # Weights from --weights carry no moments: those embedded belong to the embedded weights.
        print("the optimizer starts afresh (the run's moments belong to the embedded weights)", file=sys.stderr)
        return
    steps = OPTIMIZER_STATE["steps"]
    kind = OPTIMIZER_STATE["type"]
    int_step = kind == "rmsprop" and int(torch.__version__.split(".")[0]) < 2
    for key, p in model.named_parameters():
        state = {}
        for name, values in moments.items():
            _, buffer, param = name.split(".", 2)
            if param == key:
                state[buffer] = values.reshape(p.shape).clone()
        if kind != "sgd":
            state["step"] = steps if int_step else torch.tensor(float(steps))
        if state:
            optimizer.state[p] = state


def train_perceptron(model, x, y, epochs, shuffle):
    """The perceptron rule, online: w += lr·(t − ŷ)·x, b += lr·(t − ŷ) (one process; no gradient to share)."""
    lr = TRAIN["optimizer"].get("lr", 1.0)
    linear = model[0]
    generator = torch.Generator().manual_seed(TRAIN.get("seed", 0))
    with torch.no_grad():
        for epoch in range(epochs):
            order = torch.randperm(len(x), generator=generator) if shuffle else torch.arange(len(x))
            errors = 0
            for r in order.tolist():
                out = (linear.weight @ x[r] + linear.bias >= 0).to(torch.float32)
                err = y[r] - out
                errors += int(err.abs().sum() > 0)
                linear.weight += lr * torch.outer(err, x[r])
                linear.bias += lr * err
            print(json.dumps({"epoch": epoch + 1, "errors": errors}), flush=True)


def train(args):
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    if world > 1:
        torch.distributed.init_process_group("gloo")
    model = build_model()
    moments = load_weights(model, args.weights)
    x, ys = load_data(args.data, True, "drop")
    outputs = OUTPUTS
    model.train()
    y = target_tensor(ys, outputs)
    shuffle = TRAIN.get("shuffle", True) and not args.no_shuffle
    if PERCEPTRON:
        if world > 1:
            raise SystemExit("the perceptron rule is online, one row at a time: train it on one process")
        train_perceptron(model, x, y, args.epochs, shuffle)
        write_safetensors(model.state_dict(), args.out)
        return
    body = model[:-1] if FUSED_LOSS else model
    trained = body
    if world > 1:
        from torch.nn.parallel import DistributedDataParallel

        trained = DistributedDataParallel(body)
    optimizer = make_optimizer(list(model.parameters()))
    restore_optimizer(optimizer, model, moments)
    done = OPTIMIZER_STATE["epochs"] if OPTIMIZER_STATE else 0
    schedule = Schedule(optimizer.param_groups[0]["lr"], TRAIN["epochs"], OPTIMIZER_STATE["schedule"] if OPTIMIZER_STATE else None)
    batch = TRAIN["batchSize"]
    clip = TRAIN.get("clipNorm")
    rows = len(x)
    generator = torch.Generator().manual_seed(TRAIN.get("seed", 0) + done)
    for epoch in range(done + 1, done + args.epochs + 1):
        for group in optimizer.param_groups:
            group["lr"] = schedule.lr
        # The same order on every rank; each global batch is split across the ranks.
        order = torch.randperm(rows, generator=generator) if shuffle else torch.arange(rows)
        loss_total = 0.0
        for start in range(0, rows, batch):
            global_rows = order[start:start + batch]
            n = len(global_rows)
            local = torch.tensor_split(global_rows, world)[rank]
            optimizer.zero_grad()
            pen = penalty(model)
            if len(local):
                part = loss_sum(trained(x[local]), y[local]) / loss_count(n, outputs)
            else:
                part = sum(p.sum() for p in trained.parameters()) * 0.0
            # DDP averages the gradients over the ranks: scaling by the world size makes that the batch's sum.
            (part * world + pen).backward()
            if clip:
                torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
            optimizer.step()
            batch_loss = part.detach().clone()
            if world > 1:
                torch.distributed.all_reduce(batch_loss)
            loss_total += (float(batch_loss) + float(pen)) * n
        schedule.end_epoch(epoch, loss_total / rows)
        if rank == 0:
            print(json.dumps({"epoch": epoch, "loss": loss_total / rows, "lr": optimizer.param_groups[0]["lr"]}), flush=True)
    if rank == 0:
        write_safetensors({k: v for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}, args.out)
        print(f"weights written to {args.out}", file=sys.stderr)
    if world > 1:
        torch.distributed.destroy_process_group()


def eval_model(args):
    model = build_model()
    load_weights(model, args.weights)
    return model.eval()


def predict(args):
    model = eval_model(args)
    x, _ = load_data(args.data, False, "fail")
    with torch.no_grad():
        out = model(x)
    lines = [",".join(f"output_{i}" for i in range(out.shape[1]))]
    lines += [",".join(repr(float(v)) for v in row) for row in out.tolist()]
    text = "\\n".join(lines) + "\\n"
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


def scores(actual, predicted, k, names):
    """The classification report of nn-lab eval: accuracy, confusion matrix, per-class and averaged scores."""
    matrix = [[0] * k for _ in range(k)]
    for a, p in zip(actual, predicted):
        matrix[a][p] += 1
    per = []
    for c in range(k):
        tp = matrix[c][c]
        predicted_c = sum(matrix[r][c] for r in range(k))
        support = sum(matrix[c])
        precision = tp / predicted_c if predicted_c else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per.append({"label": names[c], "precision": precision, "recall": recall, "f1": f1, "support": support})
    total = len(actual)
    macro = {m: sum(p[m] for p in per) / k for m in ("precision", "recall", "f1")}
    weighted = {m: sum(p[m] * p["support"] for p in per) / total for m in ("precision", "recall", "f1")}
    return {
        "accuracy": sum(matrix[c][c] for c in range(k)) / total,
        "classes": names,
        "confusionMatrix": matrix,
        "perClass": per,
        "macroAvg": {**macro, "support": total},
        "weightedAvg": {**weighted, "support": total},
    }


def evaluate(args):
    model = eval_model(args)
    x, ys = load_data(args.data, True, "drop")
    with torch.no_grad():
        out = model(x)
        z = model[:-1](x) if FUSED_LOSS else out
    report = {"task": TASK, "rows": len(x)}
    if not PERCEPTRON:
        y = target_tensor(ys, out.shape[1])
        report["loss"] = float(loss_sum(z, y)) / loss_count(len(x), out.shape[1])
        report["lossName"] = TRAIN["loss"]
    if TASK == "classification":
        k = max(2, out.shape[1])
        predicted = (out[:, 0] >= 0.5).long().tolist() if out.shape[1] == 1 else out.argmax(1).tolist()
        classes = PREPROCESS["target"]["classes"] if PREPROCESS else [str(i) for i in range(k)]
        report.update(scores(ys, predicted, k, classes))
    elif TASK == "multilabel":
        y = torch.tensor(ys, dtype=torch.float32)
        right = (out >= 0.5).to(torch.float32) == y
        report["accuracy"] = float(right.all(1).float().mean())
        report["perLabelAccuracy"] = float(right.float().mean())
    else:
        y = torch.tensor(ys, dtype=torch.float32).reshape(out.shape)
        err = out - y
        mae = err.abs().mean(0)
        rmse = (err * err).mean(0).sqrt()
        ss_res = (err * err).sum(0)
        ss_tot = ((y - y.mean(0)) ** 2).sum(0)
        r2 = [(1.0 if r == 0 else 0.0) if t == 0 else 1 - r / t for r, t in zip(ss_res.tolist(), ss_tot.tolist())]
        report.update({"mae": float(mae.mean()), "rmse": float(rmse.mean()), "r2": sum(r2) / len(r2)})
    print(json.dumps(report, indent=2))


def main():
    parser = argparse.ArgumentParser(description=f"NN Lab run {RUN_NAME!r} in PyTorch")
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("predict", "eval", "train"):
        sub = commands.add_parser(name)
        sub.add_argument("data", help="a CSV file with the columns the run was trained on")
        sub.add_argument("--weights", help="a .safetensors file to use instead of the embedded weights")
        if name == "predict":
            sub.add_argument("--out", help="write the predictions here instead of printing them")
        if name == "train":
            sub.add_argument("--epochs", type=int, required=True)
            sub.add_argument("--out", default="trained.safetensors", help="where the trained weights go")
            sub.add_argument("--no-shuffle", action="store_true", help="take the rows in file order")
    args = parser.parse_args()
    torch.manual_seed(TRAIN.get("seed", 0))
    try:
        {"predict": predict, "eval": evaluate, "train": train}[args.command](args)
    except DataError as error:
        raise SystemExit(str(error)) from None


if __name__ == "__main__":
    main()
`;
}

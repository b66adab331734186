import type { InitializerName, LayerSpec, ModelSpec } from '../contract/model-spec';
import type { OptimizerConfig, TrainConfig } from '../contract/run-config';
import { analyzeSpec, type LayerInfo } from '../nn/spec-analysis';

/**
 * The workbench's code view: the network and its training set-up as the short PyTorch and Keras programs a student
 * writes after the textbook chapter. Read-only text without weights (the full export scripts are src-core/export).
 * The PyTorch program defines `model`, `loss_fn`, `optimizer` and a `train(train_loader, val_loader)` function; the
 * Keras one defines `model` and compiles it, then fits `x_train, y_train`.
 */

const py = (n: number | boolean): string => (typeof n === 'boolean' ? (n ? 'True' : 'False') : String(n));

/** Keyword arguments that differ from the default: `, stride=2` or ''. */
function kwargs(pairs: Array<[string, number | boolean | string | undefined, (number | boolean)?]>): string {
  return pairs
    .filter(([, value, fallback]) => value !== undefined && value !== fallback)
    .map(([name, value]) => `, ${name}=${typeof value === 'string' ? value : py(value as number | boolean)}`)
    .join('');
}

function torchLayer(layer: LayerInfo): string {
  const spec = layer.spec;
  const inputs = layer.inputShape;
  switch (spec.type) {
    case 'dense':
      return `nn.Linear(${inputs[0]}, ${spec.units}${kwargs([['bias', spec.bias, true]])})`;
    case 'conv2d':
      return `nn.Conv2d(${inputs[0]}, ${spec.filters}, kernel_size=${spec.kernel}${kwargs([['stride', spec.stride, 1], ['padding', spec.padding, 0], ['bias', spec.bias, true]])})`;
    case 'maxpool2d':
    case 'avgpool2d':
      return `nn.${spec.type === 'maxpool2d' ? 'Max' : 'Avg'}Pool2d(${spec.size}${kwargs([['stride', spec.stride, spec.size]])})`;
    case 'flatten':
      return 'nn.Flatten()';
    case 'dropout':
      return `nn.Dropout(${spec.rate})`;
    case 'batchnorm':
      return `nn.BatchNorm${inputs.length === 3 ? '2d' : '1d'}(${inputs[0]}${kwargs([['eps', spec.eps, 1e-5], ['momentum', spec.momentum, 0.1]])})`;
    case 'leaky_relu':
      return `nn.LeakyReLU(${spec.alpha ?? 0.01})`;
    case 'elu':
      return `nn.ELU(${spec.alpha ?? 1})`;
    case 'softmax':
      return 'nn.Softmax(dim=1)';
    default:
      return `nn.${{ relu: 'ReLU', sigmoid: 'Sigmoid', tanh: 'Tanh', swish: 'SiLU', gelu: 'GELU', linear: 'Identity' }[spec.type]}()`;
  }
}

const torchInit: Record<Exclude<InitializerName, 'auto'>, string> = {
  zeros: 'nn.init.zeros_(w)',
  small_normal: 'nn.init.normal_(w, std=0.01)',
  uniform: "nn.init.kaiming_uniform_(w, a=5 ** 0.5)  # PyTorch's own default",
  xavier_normal: 'nn.init.xavier_normal_(w)',
  xavier_uniform: 'nn.init.xavier_uniform_(w)',
  he_normal: "nn.init.kaiming_normal_(w, nonlinearity='relu')",
  he_uniform: "nn.init.kaiming_uniform_(w, nonlinearity='relu')",
  lecun_normal: "nn.init.kaiming_normal_(w, nonlinearity='linear')",
};

function torchOptimizer(o: OptimizerConfig): string {
  const common: Array<[string, number | boolean | string | undefined, (number | boolean)?]> = [['lr', o.lr]];
  const name = { sgd: 'SGD', adam: 'Adam', adamw: 'AdamW', rmsprop: 'RMSprop', adagrad: 'Adagrad' }[o.type];
  const extra: typeof common =
    o.type === 'sgd'
      ? [['momentum', o.momentum, 0], ['nesterov', o.nesterov, false]]
      : o.type === 'rmsprop'
        ? [['alpha', o.alpha], ['eps', o.eps], ['momentum', o.momentum, 0]]
        : o.type === 'adagrad'
          ? [['eps', o.eps]]
          : [['betas', o.betas && `(${o.betas.join(', ')})`], ['eps', o.eps]];
  return `torch.optim.${name}(model.parameters()${kwargs([...common, ...extra, ['weight_decay', o.weight_decay]])})`;
}

function torchSchedule(train: TrainConfig): string | undefined {
  const s = train.schedule;
  if (!s) return undefined;
  const lr = 'torch.optim.lr_scheduler';
  switch (s.type) {
    case 'step':
      return `${lr}.StepLR(optimizer, step_size=${s.stepSize}${kwargs([['gamma', s.gamma, 0.1]])})`;
    case 'exponential':
      return `${lr}.ExponentialLR(optimizer, gamma=${s.gamma})`;
    case 'cosine':
      return `${lr}.CosineAnnealingLR(optimizer, T_max=${s.tMax ?? train.epochs}${kwargs([['eta_min', s.minLr, 0]])})`;
    case 'warmup':
      return `${lr}.LinearLR(optimizer, start_factor=1 / ${s.epochs}, total_iters=${Math.max(1, s.epochs - 1)})`;
    case 'reduce_on_plateau':
      return `${lr}.ReduceLROnPlateau(optimizer${kwargs([['factor', s.factor, 0.1], ['patience', s.patience, 10], ['min_lr', s.minLr, 0]])})`;
  }
}

const torchLoss = (train: TrainConfig): string =>
  ({ mse: 'nn.MSELoss()', mae: 'nn.L1Loss()', huber: `nn.HuberLoss(delta=${train.huberDelta ?? 1})`, bce: 'nn.BCELoss()', cross_entropy: 'nn.CrossEntropyLoss()' })[train.loss];

/** The model and its training set-up in PyTorch. */
export function pytorchCode(spec: ModelSpec, train: TrainConfig, seed?: number): string {
  const analysis = analyzeSpec(spec);
  const lines = ['import torch', 'from torch import nn', ''];
  if (seed !== undefined) lines.push(`torch.manual_seed(${seed})`, '');
  if (analysis.kind === 'perceptron') return perceptronCode(lines, analysis.inputShape[0]!, analysis.outputShape[0]!, train);
  // nn.CrossEntropyLoss applies the softmax itself, so the last Softmax is left out of the model.
  const fused = train.loss === 'cross_entropy' && spec.layers[spec.layers.length - 1]?.type === 'softmax';
  const layers = fused ? analysis.layers.slice(0, -1) : analysis.layers;
  lines.push(`# input: ${analysis.inputShape.join('×')} per sample`, 'model = nn.Sequential(');
  for (const layer of layers) lines.push(`    ${torchLayer(layer)},  # -> ${layer.outputShape.join('×')}`);
  lines.push(')');
  if (fused) lines.push('# The softmax is part of nn.CrossEntropyLoss, which takes the raw scores.');
  const inits = layers.filter((l) => (l.spec.type === 'dense' || l.spec.type === 'conv2d') && l.spec.init && l.spec.init !== 'auto');
  for (const l of inits) lines.push(`w = model[${l.index}].weight; ${torchInit[(l.spec as { init: Exclude<InitializerName, 'auto'> }).init]}`);
  const schedule = torchSchedule(train);
  lines.push('', `loss_fn = ${torchLoss(train)}`, `optimizer = ${torchOptimizer(train.optimizer)}`);
  if (schedule) lines.push(`scheduler = ${schedule}`);
  const penalized = analysis.layers.filter((l) => l.type === 'dense' || l.type === 'conv2d').map((l) => `model[${l.index}].weight`);
  if (train.l1 || train.l2) lines.push(`penalized = [${penalized.join(', ')}]`);
  const target = train.loss === 'cross_entropy' ? 'y.long().view(-1)' : 'y.float().view(len(y), -1)';
  lines.push(
    '',
    `# train_loader = DataLoader(train_set, batch_size=${train.batchSize}, shuffle=${py(train.shuffle ?? true)})`,
    'def train(train_loader, val_loader):',
    `    for epoch in range(${train.epochs}):`,
    '        model.train()',
    '        for x, y in train_loader:',
    '            optimizer.zero_grad()',
    `            loss = loss_fn(model(x), ${target})`,
  );
  if (train.l1) lines.push(`            loss = loss + ${train.l1} * sum(w.abs().sum() for w in penalized)`);
  if (train.l2) lines.push(`            loss = loss + ${train.l2} * sum(w.pow(2).sum() for w in penalized)`);
  lines.push('            loss.backward()');
  if (train.clipNorm) lines.push(`            nn.utils.clip_grad_norm_(model.parameters(), max_norm=${train.clipNorm})`);
  lines.push(
    '            optimizer.step()',
    '        model.eval()',
    '        with torch.no_grad():',
    `            val_loss = sum(loss_fn(model(x), ${target}).item() * len(x) for x, y in val_loader) / len(val_loader.dataset)`,
    "        print(f'epoch {epoch + 1}: val_loss {val_loss:.4f}')",
  );
  if (schedule) lines.push(`        scheduler.step(${train.schedule!.type === 'reduce_on_plateau' ? 'val_loss' : ''})`);
  if (train.earlyStopping) lines.push(...earlyStoppingLines(train));
  return `${lines.join('\n')}\n`;
}

function earlyStoppingLines(train: TrainConfig): string[] {
  const e = train.earlyStopping!;
  return [
    `        # early stopping: patience ${e.patience ?? 5}${e.monitor && e.monitor !== 'val_loss' ? ` (the lab watches ${e.monitor}; here val_loss)` : ''}`,
    `        if epoch == 0 or val_loss < best${e.minDelta ? ` - ${e.minDelta}` : ''}:`,
    '            best, bad_epochs = val_loss, 0',
    `        else:`,
    '            bad_epochs += 1',
    `            if bad_epochs > ${e.patience ?? 5}:`,
    '                break',
  ];
}

function perceptronCode(lines: string[], inputs: number, units: number, train: TrainConfig): string {
  const lr = train.optimizer.lr ?? 1;
  lines.push(
    `# Rosenblatt's perceptron: step units, y_hat = [w·x + b >= 0], no gradient`,
    `model = nn.Linear(${inputs}, ${units})`,
    'nn.init.zeros_(model.weight); nn.init.zeros_(model.bias)',
    '',
    '# X: (rows, features), Y: (rows, units) of 0/1',
    'def train(X, Y):',
    '    with torch.no_grad():',
    `        for epoch in range(${train.epochs}):`,
    '            for i in torch.randperm(len(X)):',
    '                x, y = X[i], Y[i]',
    '                error = y - (model(x) >= 0).float()',
    `                model.weight += ${lr} * torch.outer(error, x)`,
    `                model.bias += ${lr} * error`,
  );
  return `${lines.join('\n')}\n`;
}

function kerasLayer(spec: LayerSpec, regularizer: string): string[] {
  const reg = regularizer && `, kernel_regularizer=${regularizer}`;
  const init = (s: { init?: InitializerName }): string => (s.init && s.init !== 'auto' ? `, kernel_initializer="${kerasInit[s.init]}"` : '');
  switch (spec.type) {
    case 'dense':
      return [`layers.Dense(${spec.units}${spec.bias === false ? ', use_bias=False' : ''}${init(spec)}${reg})`];
    case 'conv2d': {
      const padding = spec.padding ?? 0;
      const same = padding > 0 && (spec.stride ?? 1) === 1 && padding * 2 === spec.kernel - 1;
      const pad = padding > 0 && !same ? [`layers.ZeroPadding2D(${padding})`] : [];
      const stride = spec.stride && spec.stride !== 1 ? `, strides=${spec.stride}` : '';
      return [...pad, `layers.Conv2D(${spec.filters}, ${spec.kernel}${stride}${same ? ', padding="same"' : ''}${spec.bias === false ? ', use_bias=False' : ''}${init(spec)}${reg})`];
    }
    case 'maxpool2d':
    case 'avgpool2d':
      return [`layers.${spec.type === 'maxpool2d' ? 'Max' : 'Average'}Pooling2D(${spec.size}${spec.stride ? `, strides=${spec.stride}` : ''})`];
    case 'flatten':
      return ['layers.Flatten()'];
    case 'dropout':
      return [`layers.Dropout(${spec.rate})`];
    case 'batchnorm':
      // Keras' momentum keeps the old running value: 1 − PyTorch's.
      return [`layers.BatchNormalization(momentum=${Number((1 - (spec.momentum ?? 0.1)).toFixed(12))}, epsilon=${spec.eps ?? 1e-5})`];
    case 'leaky_relu':
      return [`layers.LeakyReLU(negative_slope=${spec.alpha ?? 0.01})`];
    case 'elu':
      return [`layers.ELU(alpha=${spec.alpha ?? 1})`];
    default:
      return [`layers.Activation("${spec.type}")`];
  }
}

const kerasInit: Record<Exclude<InitializerName, 'auto'>, string> = {
  zeros: 'zeros',
  small_normal: 'random_normal',
  uniform: 'lecun_uniform',
  xavier_normal: 'glorot_normal',
  xavier_uniform: 'glorot_uniform',
  he_normal: 'he_normal',
  he_uniform: 'he_uniform',
  lecun_normal: 'lecun_normal',
};

function kerasOptimizer(o: OptimizerConfig, clipNorm: number | undefined): string {
  const args: string[] = [`learning_rate=${o.lr ?? (o.type === 'adam' || o.type === 'adamw' ? 1e-3 : 0.01)}`];
  if (o.type === 'sgd' && o.momentum) args.push(`momentum=${o.momentum}`);
  if (o.type === 'sgd' && o.nesterov) args.push('nesterov=True');
  if (o.type === 'rmsprop') args.push(`rho=${o.alpha ?? 0.99}`, ...(o.momentum ? [`momentum=${o.momentum}`] : []));
  if ((o.type === 'adam' || o.type === 'adamw') && o.betas) args.push(`beta_1=${o.betas[0]}`, `beta_2=${o.betas[1]}`);
  if (o.type === 'adamw') args.push(`weight_decay=${o.weight_decay ?? 0.01}`);
  else if (o.weight_decay) args.push(`weight_decay=${o.weight_decay}`);
  if (clipNorm) args.push(`clipnorm=${clipNorm}`);
  const name = { sgd: 'SGD', adam: 'Adam', adamw: 'AdamW', rmsprop: 'RMSprop', adagrad: 'Adagrad' }[o.type];
  return `keras.optimizers.${name}(${args.join(', ')})`;
}

const kerasLoss = (train: TrainConfig): string =>
  ({ mse: '"mse"', mae: '"mae"', huber: `keras.losses.Huber(delta=${train.huberDelta ?? 1})`, bce: '"binary_crossentropy"', cross_entropy: '"sparse_categorical_crossentropy"' })[train.loss];

function kerasCallbacks(train: TrainConfig): string[] {
  const out: string[] = [];
  const s = train.schedule;
  const e = train.earlyStopping;
  if (s?.type === 'reduce_on_plateau') {
    out.push(`keras.callbacks.ReduceLROnPlateau(monitor="${s.monitor ?? 'val_loss'}", factor=${s.factor ?? 0.1}, patience=${s.patience ?? 10}, min_lr=${s.minLr ?? 0})`);
  } else if (s) {
    const rate = {
      step: s.type === 'step' && `lr0 * ${s.gamma ?? 0.1} ** (epoch // ${s.stepSize})`,
      exponential: s.type === 'exponential' && `lr0 * ${s.gamma} ** epoch`,
      cosine: s.type === 'cosine' && `${s.minLr ? `${s.minLr} + (lr0 - ${s.minLr})` : 'lr0'} * (1 + math.cos(math.pi * min(epoch, ${s.tMax ?? train.epochs}) / ${s.tMax ?? train.epochs})) / 2`,
      warmup: s.type === 'warmup' && `lr0 * min(epoch + 1, ${s.epochs}) / ${s.epochs}`,
    }[s.type];
    out.push(`keras.callbacks.LearningRateScheduler(lambda epoch: ${rate})`);
  }
  if (e) {
    const monitor = { loss: 'loss', val_loss: 'val_loss', accuracy: 'accuracy', val_accuracy: 'val_accuracy' }[e.monitor ?? 'val_loss'];
    out.push(`keras.callbacks.EarlyStopping(monitor="${monitor}", patience=${e.patience ?? 5}, min_delta=${e.minDelta ?? 0}, restore_best_weights=${py(e.restoreBest ?? false)})`);
  }
  return out;
}

/** The model and its training set-up in Keras (channels last: an image is H×W×C there). */
export function kerasCode(spec: ModelSpec, train: TrainConfig, seed?: number): string {
  const analysis = analyzeSpec(spec);
  const input = analysis.inputShape.length === 3 ? [analysis.inputShape[1], analysis.inputShape[2], analysis.inputShape[0]] : analysis.inputShape;
  const callbacks = kerasCallbacks(train);
  const lines = [...(train.schedule && train.schedule.type !== 'reduce_on_plateau' ? ['import math'] : []), 'import keras', 'from keras import layers', ''];
  if (seed !== undefined) lines.push(`keras.utils.set_random_seed(${seed})`, '');
  if (analysis.kind === 'perceptron') {
    lines.push("# Keras has no perceptron rule: this is the same linear model with a step read-out, trained by gradient descent.");
  }
  const regularizer = train.l1 && train.l2 ? `keras.regularizers.L1L2(l1=${train.l1}, l2=${train.l2})` : train.l1 ? `keras.regularizers.L1(${train.l1})` : train.l2 ? `keras.regularizers.L2(${train.l2})` : '';
  const layerLines = analysis.kind === 'perceptron' ? [`layers.Dense(${analysis.outputShape[0]}, activation="sigmoid")`] : spec.layers.flatMap((l) => kerasLayer(l, regularizer));
  lines.push('model = keras.Sequential([', `    keras.Input(shape=(${input.join(', ')}${input.length === 1 ? ',' : ''})),`, ...layerLines.map((l) => `    ${l},`), '])');
  if (callbacks.length && train.schedule && train.schedule.type !== 'reduce_on_plateau') lines.push(`lr0 = ${train.optimizer.lr ?? (train.optimizer.type.startsWith('adam') ? 1e-3 : 0.01)}`);
  lines.push(
    `model.compile(optimizer=${kerasOptimizer(train.optimizer, train.clipNorm)}, loss=${kerasLoss(train)}${train.loss === 'bce' || train.loss === 'cross_entropy' ? ', metrics=["accuracy"]' : ''})`,
    '',
    'model.fit(',
    '    x_train, y_train,',
    '    validation_data=(x_val, y_val),',
    `    batch_size=${train.batchSize}, epochs=${train.epochs}, shuffle=${py(train.shuffle ?? true)},`,
  );
  if (callbacks.length) lines.push('    callbacks=[', ...callbacks.map((c) => `        ${c},`), '    ],');
  lines.push(')');
  return `${lines.join('\n')}\n`;
}

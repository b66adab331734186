import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { TrainConfig } from '../../../src-core/contract/run-config';
import { analyzeSpec } from '../../../src-core/nn/spec-analysis';
import { kerasCode, pytorchCode } from '../../../src-core/workbench/code-view';
import { buildPreset, presetIds, presetsFor, type DatasetShape } from '../../../src-core/workbench/presets';

const python = '/usr/bin/python3';
const withTorch = spawnSync(python, ['-c', 'import torch']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'code-view-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface TorchResult {
  params: number;
  shape: number[];
  error?: string;
}

/**
 * Runs each generated PyTorch program in one python process (torch loads once), then reports its parameter count
 * and output shape and trains it on random data with its own `train`.
 */
function runTorch(programs: Array<{ spec: ModelSpec; train: TrainConfig; code: string }>): TorchResult[] {
  const checks = programs.map(({ spec, train, code }, i) => {
    const input = spec.input.join(', ');
    const outputs = analyzeSpec(spec).outputShape[0]!;
    const target = train.loss === 'cross_entropy' ? `torch.randint(0, ${outputs}, (8,))` : `torch.rand(8, ${outputs})`;
    const file = join(dir, `torch_${i}.py`);
    writeFileSync(file, code);
    return [
      `ns = {}`,
      `try:`,
      `    exec(open(${JSON.stringify(file)}).read(), ns)`,
      `    model = ns['model']`,
      `    params = sum(p.numel() for p in model.parameters())`,
      `    model.eval()`,
      `    shape = list(model(torch.randn(4, ${input})).shape)`,
      spec.kind === 'perceptron'
        ? `    ns['train'](torch.randn(8, ${input}), (torch.rand(8, ${outputs}) > 0.5).float())`
        : `    loader = DataLoader(TensorDataset(torch.randn(8, ${input}), ${target}), batch_size=4)\n    ns['train'](loader, loader)`,
      `    results.append({"params": params, "shape": shape})`,
      `except Exception as e:`,
      `    results.append({"params": 0, "shape": [], "error": repr(e)})`,
    ].join('\n');
  });
  const driver = ['import json, torch', 'from torch.utils.data import DataLoader, TensorDataset', 'results = []', ...checks, 'print(json.dumps(results))'].join('\n');
  writeFileSync(join(dir, 'driver.py'), driver);
  const out = spawnSync(python, [join(dir, 'driver.py')], { encoding: 'utf8' });
  expect(out.status, out.stderr).toBe(0);
  return JSON.parse(out.stdout.trim().split('\n').pop()!) as TorchResult[];
}

const shapes: DatasetShape[] = [
  { inputShape: [1, 8, 8], task: 'classification', outputs: 10 },
  { inputShape: [4], task: 'classification', outputs: 3 },
  { inputShape: [2], task: 'classification', outputs: 2 },
  { inputShape: [5], task: 'regression' },
];

const everyOption: { spec: ModelSpec; train: TrainConfig } = {
  spec: {
    input: [3, 12, 12],
    layers: [
      { type: 'conv2d', filters: 4, kernel: 3, stride: 2, padding: 2, init: 'he_normal' },
      { type: 'batchnorm', momentum: 0.2, eps: 1e-3 },
      { type: 'leaky_relu', alpha: 0.1 },
      { type: 'avgpool2d', size: 2, stride: 1 },
      { type: 'conv2d', filters: 6, kernel: 3, bias: false, init: 'lecun_normal' },
      { type: 'elu' },
      { type: 'maxpool2d', size: 2 },
      { type: 'flatten' },
      { type: 'dropout', rate: 0.3 },
      { type: 'dense', units: 16, init: 'small_normal' },
      { type: 'batchnorm' },
      { type: 'swish' },
      { type: 'dense', units: 8, bias: false, init: 'zeros' },
      { type: 'gelu' },
      { type: 'dense', units: 3 },
      { type: 'linear' },
      { type: 'tanh' },
      { type: 'dense', units: 2 },
    ],
  },
  train: {
    loss: 'huber',
    huberDelta: 0.5,
    optimizer: { type: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true, weight_decay: 1e-4 },
    batchSize: 4,
    epochs: 2,
    l1: 1e-5,
    l2: 1e-4,
    clipNorm: 1,
    schedule: { type: 'reduce_on_plateau', factor: 0.5, patience: 2 },
    earlyStopping: { patience: 1, minDelta: 0.01, restoreBest: true },
  },
};

const cases: Array<{ name: string; spec: ModelSpec; train: TrainConfig }> = [
  ...shapes.flatMap((shape) =>
    presetsFor(shape)
      .filter((p) => !p.unavailable)
      .map((p) => {
        const built = buildPreset(p.id, shape);
        return { name: `${p.id} on ${shape.inputShape.join('×')}`, spec: built.spec, train: { ...built.train, epochs: 2 } };
      }),
  ),
  { name: 'every layer and option', ...everyOption },
  ...(['step', 'exponential', 'cosine', 'warmup'] as const).map((type) => ({
    name: `${type} schedule with adamw`,
    spec: everyOption.spec,
    train: {
      ...everyOption.train,
      optimizer: { type: 'adamw' as const, lr: 1e-3, betas: [0.8, 0.99] as [number, number], eps: 1e-7, weight_decay: 0.02 },
      schedule: { step: { type: 'step' as const, stepSize: 1 }, exponential: { type: 'exponential' as const, gamma: 0.9 }, cosine: { type: 'cosine' as const, minLr: 1e-5 }, warmup: { type: 'warmup' as const, epochs: 2 } }[type],
    },
  })),
  { name: 'rmsprop, mae', spec: { input: [3], layers: [{ type: 'dense', units: 1 }] }, train: { loss: 'mae', optimizer: { type: 'rmsprop', alpha: 0.9, momentum: 0.5 }, batchSize: 2, epochs: 1 } },
  { name: 'adagrad, mse', spec: { input: [3], layers: [{ type: 'dense', units: 2 }] }, train: { loss: 'mse', optimizer: { type: 'adagrad', lr: 0.1 }, batchSize: 2, epochs: 1 } },
];

describe('code view', () => {
  it('covers every preset', () => {
    expect(new Set(cases.map((c) => c.name.split(' ')[0]))).toEqual(new Set([...presetIds, 'every', 'step', 'exponential', 'cosine', 'warmup', 'rmsprop,', 'adagrad,']));
  });

  it.runIf(withTorch)('PyTorch code builds the lab’s network: same parameter count and output shape, and its training loop runs', () => {
    const results = runTorch(cases.map((c) => ({ ...c, code: pytorchCode(c.spec, c.train, 7) })));
    for (const [i, { name, spec }] of cases.entries()) {
      const analysis = analyzeSpec(spec);
      expect(results[i]!.error, `${name}:\n${pytorchCode(spec, cases[i]!.train, 7)}`).toBeUndefined();
      expect(results[i]!.params, name).toBe(analysis.totalParams);
      expect(results[i]!.shape, name).toEqual([4, ...analysis.outputShape]);
    }
  }, 60_000);

  it('Keras code compiles', () => {
    for (const [i, { spec, train }] of cases.entries()) writeFileSync(join(dir, `keras_${i}.py`), kerasCode(spec, train, 7));
    const out = spawnSync(python, ['-c', `import py_compile, glob, sys\nfor f in sorted(glob.glob(sys.argv[1] + '/keras_*.py')): py_compile.compile(f, doraise=True)`, dir], { encoding: 'utf8' });
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
  });

  it('reads as the textbook writes it', () => {
    const { spec, train } = buildPreset('lenet', shapes[0]!);
    const torch = pytorchCode(spec, train);
    expect(torch).toContain('nn.Conv2d(1, 8, kernel_size=3, padding=1),  # -> 8×8×8');
    expect(torch).toContain('optimizer = torch.optim.Adam(model.parameters(), lr=0.002)');
    expect(torch).toContain('loss_fn = nn.CrossEntropyLoss()');
    expect(torch).not.toContain('nn.Softmax');
    const keras = kerasCode(spec, train);
    expect(keras).toContain('keras.Input(shape=(8, 8, 1)),');
    expect(keras).toContain('layers.Conv2D(8, 3, padding="same", kernel_initializer="he_uniform"),');
    expect(keras).toContain('loss="sparse_categorical_crossentropy"');
    expect(torch.split('\n').length).toBeLessThan(40);
  });
});

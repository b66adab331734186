import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunConfig } from '../../../src-core/contract/run-config';
import { Random } from '../../../src-core/data/random';
import { importSafetensors } from '../../../src-core/export/safetensors';
import { parseModelFile } from '../../../src-core/nn/model-file';
import { expectCloseToTorch } from '../../support/parity-fixtures';
import { csvText, nnLab, tempFolder } from '../cli/cli-harness';
import { csvNumbers, run, systemPython, torchMissing } from './python-runner';

/**
 * `nn-lab export ID --format onnx|pytorch|keras|safetensors` on runs trained by `nn-lab train`: a small CNN on
 * 6×6 images (conv, batch norm, pooling, standard scaling, a step schedule) and a table with a categorical
 * column (one-hot) and a yes/no column. Each export is run (ONNX Runtime, /usr/bin/python3 with torch, torchrun)
 * and compared with `nn-lab predict` on the same CSV: within 1e-5 (relative above 1).
 */
const torchAbsent = torchMissing();

/** A TCP port free right now, for torchrun's rendezvous (port 0 does not work there). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** 3 classes of 6×6 images: a bright row band, a bright column band, or noise. */
function imagesCsv(rows: number): string {
  const rng = new Random(5);
  const out: Array<Array<string | number>> = [];
  for (let r = 0; r < rows; r++) {
    const label = r % 3;
    const band = rng.int(6);
    const pixels = Array.from({ length: 36 }, (_, p) => {
      const [y, x] = [Math.floor(p / 6), p % 6];
      const lit = (label === 0 && y === band) || (label === 1 && x === band);
      return (rng.next() * 40 + (lit ? 200 : 20)).toFixed(1);
    });
    out.push([...pixels, ['row', 'column', 'noise'][label]!]);
  }
  return csvText([...Array.from({ length: 36 }, (_, i) => `p${i}`), 'label'], out);
}

/** x, y numbers, a colour (3 categories), a yes/no column; label from a mix of them. */
function tableCsv(rows: number): string {
  const rng = new Random(11);
  const colours = ['red', 'green', 'blue'];
  const out: Array<Array<string | number>> = [];
  for (let r = 0; r < rows; r++) {
    const x = rng.normal() * 3 + 10;
    const colour = colours[r % 3]!;
    const yes = rng.next() < 0.5;
    const score = (x - 10) / 3 + (colour === 'red' ? 1 : 0) + (yes ? -0.5 : 0.5) + rng.normal() * 0.3;
    out.push([x.toFixed(3), (rng.normal() * 0.1).toFixed(3), colour, yes ? 'yes' : 'no', score > 0.5 ? 'high' : 'low']);
  }
  return csvText(['x', 'y', 'colour', 'member', 'label'], out);
}

const cnnConfig = (epochs: number): RunConfig => ({
  name: 'cnn',
  data: { path: 'images.csv', target: 'label', preprocess: { scale: 'standard' } },
  model: {
    input: [1, 6, 6],
    layers: [
      { type: 'conv2d', filters: 3, kernel: 3, padding: 1 },
      { type: 'relu' },
      // After the relu, not straight after the conv: there batch norm cancels the conv's bias, whose gradient
      // is then rounding noise that Adam blows up to steps of lr in any direction, in the lab as in PyTorch.
      { type: 'batchnorm' },
      { type: 'maxpool2d', size: 2 },
      { type: 'flatten' },
      { type: 'dense', units: 3 },
      { type: 'softmax' },
    ],
  },
  train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 8, epochs, shuffle: false, seed: 4, schedule: { type: 'step', stepSize: 2, gamma: 0.5 } },
});

const tableConfig: RunConfig = {
  name: 'table',
  data: { path: 'table.csv', target: 'label', preprocess: { scale: 'minmax' } },
  model: { input: [6], layers: [{ type: 'dense', units: 5 }, { type: 'gelu' }, { type: 'dense', units: 2 }, { type: 'softmax' }] },
  train: { loss: 'cross_entropy', optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9 }, batchSize: 10, epochs: 2, shuffle: false, seed: 2, l2: 0.001 },
};

/** The classic perceptron (one step unit) on the table's numbers; the rule trains it, rows in file order. */
const perceptronConfig = (epochs: number): RunConfig => ({
  name: 'perceptron',
  data: { path: 'table.csv', target: 'label', task: 'classification', preprocess: { scale: 'standard' } },
  model: { kind: 'perceptron', input: [6], layers: [] },
  train: { loss: 'mse', optimizer: { type: 'sgd', lr: 0.5 }, batchSize: 1, epochs, shuffle: false, seed: 1 },
});

let tmp: ReturnType<typeof tempFolder>;
const ids: Record<string, string> = {};

async function train(name: string, config: RunConfig): Promise<void> {
  tmp.write(`${name}.json`, JSON.stringify(config));
  const result = await nnLab(tmp.dir, 'train', '--config', `${name}.json`, '--db', 'lab.db');
  expect(result.code, result.err).toBe(0);
  ids[name] = /run ([0-9a-f-]{36}) recorded/.exec(result.out)![1]!;
}

async function exported(name: string, format: string, out: string): Promise<string> {
  const result = await nnLab(tmp.dir, 'export', ids[name]!, '--db', 'lab.db', '--format', format, '--out', out);
  expect(result.code, result.err).toBe(0);
  return join(tmp.dir, out);
}

/** What `nn-lab predict` prints for the run's model file on a CSV, as numbers. */
async function labPredict(name: string, data: string): Promise<number[]> {
  await exported(name, 'model', `${name}.model.json`);
  const result = await nnLab(tmp.dir, 'predict', '--model', `${name}.model.json`, '--data', data);
  expect(result.code, result.err).toBe(0);
  return csvNumbers(result.out);
}

function expectClose(actual: ArrayLike<number>, expected: number[], what: string): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const limit = 1e-5 * Math.max(1, Math.abs(expected[i]!));
    if (!(Math.abs(actual[i]! - expected[i]!) <= limit)) expect.fail(`${what}[${i}]: ${actual[i]} vs nn-lab predict ${expected[i]}`);
  }
}

beforeAll(async () => {
  tmp = tempFolder();
  tmp.write('images.csv', imagesCsv(48));
  tmp.write('table.csv', tableCsv(60));
  await train('cnn', cnnConfig(2));
  await train('cnn3', cnnConfig(3));
  await train('table', tableConfig);
  await train('perceptron', perceptronConfig(2));
  await train('perceptron3', perceptronConfig(3));
}, 120_000);
afterAll(() => (process.env.KEEP_EXPORT_TMP ? console.log(tmp.dir) : tmp.cleanup()));

describe('nn-lab export --format onnx', () => {
  it('a trained CNN with standard scaling runs in ONNX Runtime as nn-lab predict on the raw pixels', async () => {
    const file = await exported('cnn', 'onnx', 'cnn.onnx');
    const rows = readFileSync(join(tmp.dir, 'images.csv'), 'utf8').trim().split('\n').slice(1);
    const pixels = Float32Array.from(rows.flatMap((r) => r.split(',').slice(0, 36).map(Number)));
    const session = await ort.InferenceSession.create(file);
    const out = await session.run({ input: new ort.Tensor('float32', pixels, [rows.length, 1, 6, 6]) });
    expectClose(out['output']!.data as Float32Array, await labPredict('cnn', 'images.csv'), 'cnn onnx');
  });

  it('a table: inputs are the encoded features (one-hot colour, member 0/1) before scaling', async () => {
    const file = await exported('table', 'onnx', 'table.onnx');
    const rows = readFileSync(join(tmp.dir, 'table.csv'), 'utf8').trim().split('\n').slice(1).map((r) => r.split(','));
    const encoded = rows.flatMap(([x, y, colour, member]) => [Number(x), Number(y), ...['blue', 'green', 'red'].map((c) => (c === colour ? 1 : 0)), member === 'yes' ? 1 : 0]);
    const session = await ort.InferenceSession.create(file);
    const out = await session.run({ input: new ort.Tensor('float32', Float32Array.from(encoded), [rows.length, 6]) });
    expectClose(out['output']!.data as Float32Array, await labPredict('table', 'table.csv'), 'table onnx');
  });

  it('a perceptron: its step units as Gemm, GreaterOrEqual and Cast', async () => {
    const file = await exported('perceptron', 'onnx', 'perceptron.onnx');
    const rows = readFileSync(join(tmp.dir, 'table.csv'), 'utf8').trim().split('\n').slice(1).map((r) => r.split(','));
    const encoded = rows.flatMap(([x, y, colour, member]) => [Number(x), Number(y), ...['blue', 'green', 'red'].map((c) => (c === colour ? 1 : 0)), member === 'yes' ? 1 : 0]);
    const session = await ort.InferenceSession.create(file);
    const out = await session.run({ input: new ort.Tensor('float32', Float32Array.from(encoded), [rows.length, 6]) });
    expectClose(out['output']!.data as Float32Array, await labPredict('perceptron', 'table.csv'), 'perceptron onnx');
  });

  it('without --out writes RUN-NAME.onnx', async () => {
    const result = await nnLab(tmp.dir, 'export', ids['table']!, '--db', 'lab.db', '--format', 'onnx');
    expect(result.out).toBe('exported to table.onnx\n');
  });
});

describe('nn-lab export --format safetensors', () => {
  it('imports back into a model of the run spec with the stored weights', async () => {
    const file = await exported('cnn', 'safetensors', 'cnn.safetensors');
    const model = parseModelFile(readFileSync(join(tmp.dir, 'cnn.model.json'), 'utf8'), 'cnn.model.json');
    const imported = importSafetensors(model.spec, readFileSync(file), 'cnn.safetensors');
    expect(Object.keys(imported).sort()).toEqual(Object.keys(model.state).sort());
    for (const [key, tensor] of Object.entries(model.state)) {
      expect(imported[key]!.shape, key).toEqual(tensor.shape);
      expect(imported[key]!.data, key).toEqual(tensor.data.map(Math.fround));
    }
  });
});

describe.skipIf(torchAbsent !== undefined)('nn-lab export --format pytorch, run by /usr/bin/python3', () => {
  it('predict equals nn-lab predict for the CNN and the table (the script applies the scaling, one-hot and yes/no itself)', async () => {
    for (const [name, data] of [['cnn', 'images.csv'], ['table', 'table.csv']] as const) {
      await exported(name, 'pytorch', `${name}.py`);
      const out = run(systemPython, [`${name}.py`, 'predict', data], tmp.dir);
      expectClose(csvNumbers(out), await labPredict(name, data), `${name} pytorch`);
    }
  });

  it('a perceptron: predict gives its 0/1 steps, train continues by the perceptron rule as the lab does', async () => {
    await exported('perceptron', 'pytorch', 'perceptron.py');
    expectClose(csvNumbers(run(systemPython, ['perceptron.py', 'predict', 'table.csv'], tmp.dir)), await labPredict('perceptron', 'table.csv'), 'perceptron');
    run(systemPython, ['perceptron.py', 'train', 'table.csv', '--epochs', '1', '--no-shuffle', '--out', 'perceptron-3.safetensors'], tmp.dir);
    const lab = parseModelFile(readFileSync(await exported('perceptron3', 'model', 'perceptron3.model.json'), 'utf8'), 'perceptron3.model.json');
    const continued = importSafetensors(lab.spec, readFileSync(join(tmp.dir, 'perceptron-3.safetensors')), 'perceptron-3.safetensors');
    const before = parseModelFile(readFileSync(join(tmp.dir, 'perceptron.model.json'), 'utf8'), 'perceptron.model.json');
    expect(before.state['0.weight']!.data, 'the third epoch changed the weights').not.toEqual(lab.state['0.weight']!.data);
    for (const [key, tensor] of Object.entries(lab.state)) expectCloseToTorch(continued[key]!.data, tensor.data, key);
  });

  it('eval reports what nn-lab eval reports', async () => {
    expect(readFileSync(await exported('table', 'pytorch', 'table.py'), 'utf8')).toContain('  python3 table.py eval data.csv');
    const script = JSON.parse(run(systemPython, ['table.py', 'eval', 'table.csv'], tmp.dir)) as { accuracy: number; loss: number; confusionMatrix: number[][] };
    await exported('table', 'model', 'table.model.json');
    const lab = JSON.parse((await nnLab(tmp.dir, 'eval', '--model', 'table.model.json', '--data', 'table.csv')).out) as typeof script;
    expect(script.accuracy).toBe(lab.accuracy);
    expect(script.confusionMatrix).toEqual(lab.confusionMatrix);
    expect(Math.abs(script.loss - lab.loss)).toBeLessThan(1e-5);
  });

  it('train --epochs 1 continues the 2-epoch CNN run as the lab would: equal to the same run trained for 3 epochs', async () => {
    await exported('cnn', 'pytorch', 'cnn.py');
    const log = run(systemPython, ['cnn.py', 'train', 'images.csv', '--epochs', '1', '--no-shuffle', '--out', 'cnn-3.safetensors'], tmp.dir);
    expect(JSON.parse(log.trim().split('\n').at(-1)!)).toMatchObject({ epoch: 3, lr: 0.005 });
    const labModel = parseModelFile(readFileSync(await exported('cnn3', 'model', 'cnn3.model.json'), 'utf8'), 'cnn3.model.json');
    const continued = importSafetensors(labModel.spec, readFileSync(join(tmp.dir, 'cnn-3.safetensors')), 'cnn-3.safetensors');
    for (const [key, tensor] of Object.entries(labModel.state)) expectCloseToTorch(continued[key]!.data, tensor.data, key);
    // Back into the lab: nn-lab import-weights makes a model file that predicts as the lab's own 3-epoch run.
    await exported('cnn', 'model', 'cnn.model.json');
    const imported = await nnLab(tmp.dir, 'import-weights', '--model', 'cnn.model.json', '--weights', 'cnn-3.safetensors', '--out', 'cnn-torch.json');
    expect(imported.out).toBe('imported 8 tensors into cnn-torch.json\n');
    const fromTorch = await nnLab(tmp.dir, 'predict', '--model', 'cnn-torch.json', '--data', 'images.csv');
    expectCloseToTorch(csvNumbers(fromTorch.out), await labPredict('cnn3', 'images.csv'), 'predict after import-weights');
    await exported('table', 'safetensors', 'table.safetensors');
    const wrong = await nnLab(tmp.dir, 'import-weights', '--model', 'cnn.model.json', '--weights', 'table.safetensors', '--out', 'wrong.json');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('table.safetensors: does not fit the model: 0.weight is [5, 6] but the model needs [3, 1, 3, 3]');
    expect(wrong.err).toContain('missing 5.weight [3, 27]');
  });

  it('torchrun --nproc_per_node=2 trains an epoch with DistributedDataParallel (gloo), the same as one process', async () => {
    await exported('table', 'pytorch', 'table.py');
    run(systemPython, ['table.py', 'train', 'table.csv', '--epochs', '1', '--no-shuffle', '--out', 'one.safetensors'], tmp.dir);
    // --redirects/--tee 2: Debian's torch 1.13 under Python 3.11 cannot parse their default "0" (an IntFlag
    // change in 3.11), so torchrun fails before starting anything without them; any torchrun takes them.
    const log = run('torchrun', ['--nproc_per_node=2', `--master_port=${await freePort()}`, '--redirects', '2', '--tee', '2', 'table.py', 'train', 'table.csv', '--epochs', '1', '--no-shuffle', '--out', 'two.safetensors'], tmp.dir);
    expect(log).toContain('"epoch": 3');
    const spec = tableConfig.model as { input: number[]; layers: [] };
    const one = importSafetensors(spec, readFileSync(join(tmp.dir, 'one.safetensors')), 'one');
    const two = importSafetensors(spec, readFileSync(join(tmp.dir, 'two.safetensors')), 'two');
    for (const [key, tensor] of Object.entries(one)) expectClose(two[key]!.data, tensor.data, key);
  }, 120_000);
});

/** A numpy stand-in for the parts of tf.keras the script uses (Keras's layouts and semantics, inference only). */
const kerasStandIn = join(__dirname, 'keras-stand-in');

describe('nn-lab export --format keras', () => {
  it('writes a tf.keras script that compiles (python3 -m py_compile) and predicts as nn-lab predict', async () => {
    const tf = spawnSync(systemPython, ['-c', 'import tensorflow'], { encoding: 'utf8' });
    // Without TensorFlow the layout conversion is still checked, against the numpy stand-in of the Keras layers.
    if (tf.status !== 0) console.warn('TensorFlow is not installed: the Keras scripts run against the numpy stand-in in test/main/export/keras-stand-in');
    const env = tf.status === 0 ? {} : { PYTHONPATH: kerasStandIn };
    const numpy = spawnSync(systemPython, ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;
    if (!numpy) console.warn(`Keras outputs not compared: ${systemPython} has neither TensorFlow nor numpy`);
    for (const [name, data] of [['cnn', 'images.csv'], ['table', 'table.csv'], ['perceptron', 'table.csv']] as const) {
      const file = await exported(name, 'keras', `${name}_keras.py`);
      expect(readFileSync(file, 'utf8')).toContain('keras.Sequential');
      run('python3', ['-m', 'py_compile', file], tmp.dir);
      if (numpy) expectClose(csvNumbers(run(systemPython, [file, 'predict', data], tmp.dir, env)), await labPredict(name, data), `${name} keras`);
    }
  });
});

it.runIf(torchAbsent !== undefined)('PyTorch export tests skipped', () => {
  console.warn(`PyTorch export tests skipped: ${torchAbsent}`);
});

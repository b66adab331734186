import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelState } from '../../../src-core/contract/model-spec';
import type { TaskKind } from '../../../src-core/contract/run-config';
import { pytorchScript } from '../../../src-core/export/pytorch-script';
import { readSafetensors, tensorValues } from '../../../src-core/export/safetensors';
import { analyzeSpec, createPredictor, createTrainingSession, type OptimizerState, type TrainingData } from '../../../src-core/nn/index';
import { expectCloseToTorch, parityFixtureFiles, parityTrainConfig, readParityFixture, type ParityFixture } from '../../support/parity-fixtures';
import { csvText, tempFolder } from '../cli/cli-harness';
import { csvNumbers, run, systemPython, torchMissing } from './python-runner';

/**
 * The PyTorch script of every parity-fixture model, after the lab trained it for the fixture's epochs:
 * - `predict` equals the lab's predictor (what nn-lab predict prints) within 1e-5 relative;
 * - `eval` reports the loss the lab's predictor computes (what nn-lab eval reports) within 1e-5 relative, for
 *   every task (classification, multilabel, regression) and loss;
 * - `train --epochs 1 --no-shuffle` (rows in file order, as the lab's shuffle: false) continues from the
 *   run's weights AND optimizer state, and its weights equal the lab's own continued epoch (a session given
 *   the same initialState and initialOptimizerState) within the parity tolerance (1e-4, expectCloseToTorch).
 * All scripts run in one Python process (one torch import) by a small driver that calls each script's main().
 */
const missing = torchMissing();
const files = parityFixtureFiles();

function taskOf(f: ParityFixture): TaskKind {
  if (f.loss.type === 'cross_entropy') return 'classification';
  if (f.loss.type === 'bce') return Array.isArray(f.y[0]) ? 'multilabel' : 'classification';
  return 'regression';
}

interface Case {
  file: string;
  dir: string;
  before: ModelState;
  after: ModelState;
  predicted: Float32Array;
  /** What nn-lab eval reports as the loss of the weights before the continued epoch. */
  loss: number;
}

function prepare(file: string, root: string): Case {
  const f = readParityFixture(file);
  const task = taskOf(f);
  const rows = f.x.shape[0]!;
  const x = Float32Array.from(f.x.data);
  const width = x.length / rows;
  const yRows = f.y.map((v) => (Array.isArray(v) ? v : [v]));
  const data: TrainingData = {
    inputShape: f.spec.input,
    task,
    classCount: Math.max(2, analyzeSpec(f.spec).outputShape[0]!),
    train: { x, y: Float32Array.from(yRows.flat()), rows },
  };
  const config = parityTrainConfig(f);
  const first = createTrainingSession({ spec: f.spec, train: config, data, seed: 0, initialState: f.state });
  while (!first.finished) first.runEpoch();
  const before = first.state();
  const optimizerState: OptimizerState = first.optimizerState();
  const more = { ...config, epochs: f.epochs + 1 };
  const next = createTrainingSession({ spec: f.spec, train: more, data, seed: 0, initialState: before, initialOptimizerState: optimizerState });
  next.runEpoch();
  const dir = join(root, file.replace(/\.json$/, ''));
  mkdirSync(dir);
  const features = Array.from({ length: width }, (_, i) => `f${i}`);
  const targets = yRows[0]!.map((_, i) => `y${i}`);
  const cells = yRows.map((y, r) => [...Array.from(x.subarray(r * width, (r + 1) * width), (v) => String(v)), ...y.map(String)]);
  writeFileSync(join(dir, 'data.csv'), csvText([...features, ...targets], cells));
  writeFileSync(join(dir, 'run.py'), pytorchScript({ name: f.name, spec: f.spec, state: before, train: more, optimizerState }, task));
  const predictor = createPredictor(f.spec, before);
  const loss = predictor.loss(x, data.train.y, rows, { loss: f.loss.type, task, ...(f.loss.delta !== undefined ? { huberDelta: f.loss.delta } : {}) })!;
  return { file, dir, before, after: next.state(), predicted: predictor.predict(x, rows), loss };
}

const driver = `
import contextlib, importlib.util, os, sys
for folder in sys.argv[1:]:
    spec = importlib.util.spec_from_file_location("run", folder + "/run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for argv in (["predict", "data.csv", "--out", "predicted.csv"], ["eval", "data.csv"], ["train", "data.csv", "--epochs", "1", "--no-shuffle", "--out", "trained.safetensors"]):
        sys.argv = ["run.py"] + argv
        here = os.getcwd()
        os.chdir(folder)
        try:
            with open(argv[0] + ".out", "w") as out, contextlib.redirect_stdout(out):
                module.main()
        finally:
            os.chdir(here)
`;

describe.skipIf(missing !== undefined)('PyTorch script of every parity-fixture model', () => {
  let tmp: ReturnType<typeof tempFolder>;
  const cases: Case[] = [];
  beforeAll(() => {
    tmp = tempFolder();
    for (const file of files) cases.push(prepare(file, tmp.dir));
    writeFileSync(join(tmp.dir, 'driver.py'), driver);
    run(systemPython, ['driver.py', ...cases.map((c) => c.dir)], tmp.dir);
  }, 300_000);
  afterAll(() => tmp?.cleanup());

  it('finds the parity fixtures', () => expect(files.length).toBeGreaterThanOrEqual(20));

  for (const file of files) {
    it(`predicts and scores as the lab and continues one epoch as the lab does: ${file.replace(/\.json$/, '')}`, () => {
      const c = cases.find((k) => k.file === file)!;
      const predicted = csvNumbers(readFileSync(join(c.dir, 'predicted.csv'), 'utf8'));
      expect(predicted).toHaveLength(c.predicted.length);
      predicted.forEach((v, i) => expect(Math.abs(v - c.predicted[i]!), `output ${i}: ${v} vs ${c.predicted[i]}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(c.predicted[i]!))));
      const report = JSON.parse(readFileSync(join(c.dir, 'eval.out'), 'utf8')) as { loss: number };
      expect(Math.abs(report.loss - c.loss), `eval loss ${report.loss} vs the lab's ${c.loss}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(c.loss)));
      const trained = readSafetensors(readFileSync(join(c.dir, 'trained.safetensors')), 'trained.safetensors').tensors;
      expect(Object.keys(trained).sort()).toEqual(Object.keys(c.after).sort());
      for (const [key, tensor] of Object.entries(c.after)) {
        expect(trained[key]!.shape, key).toEqual(tensor.shape);
        expectCloseToTorch(tensorValues(trained[key]!)!, tensor.data, `${file} ${key}`);
      }
    });
  }
});

it.runIf(missing !== undefined)('PyTorch script tests skipped', () => {
  console.warn(`PyTorch script tests skipped: ${missing}`);
});

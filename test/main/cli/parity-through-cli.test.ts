import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunConfig } from '../../../src-core/contract/run-config';
import { analyzeSpec } from '../../../src-core/nn/index';
import { serializeModelFile } from '../../../src-core/nn/model-file';
import { expectCloseToTorch, parityFixtureFiles, parityTrainConfig, readParityFixture, type ParityFixture as Fixture } from '../../support/parity-fixtures';
import { csvText, nnLab, tempFolder } from './cli-harness';

/**
 * PyTorch parity through the command line: each fixture in ../shared/fixtures/parity becomes a CSV, an
 * initial model file (the fixture's state) and a run config; `nn-lab train` trains it (no shuffle, no
 * scaling, no split) and `nn-lab predict` must reproduce `expected_output_eval_after`.
 * Tolerance as in test/support/parity-fixtures.ts: |ours − torch| ≤ 1e-4 · max(|torch|, scale), scale being
 * 1e-2 × the largest magnitude in the expected outputs (at least 1e-3).
 */
const fixtureFiles = parityFixtureFiles();

/** Writes the fixture's files; returns the run config. */
function setUp(f: Fixture, write: (name: string, text: string) => string): RunConfig {
  const rows = f.x.shape[0]!;
  const width = f.x.data.length / rows;
  const outputs = analyzeSpec(f.spec).outputShape.reduce((a, b) => a * b, 1);
  const features = Array.from({ length: width }, (_, i) => `f${i}`);
  const yRows = f.y.map((v) => (Array.isArray(v) ? v : [v]));
  const yWidth = yRows[0]!.length;
  const targets = yWidth === 1 ? ['target'] : Array.from({ length: yWidth }, (_, i) => `y${i}`);
  const cells = yRows.map((y, r) => [...f.x.data.slice(r * width, (r + 1) * width).map(String), ...y.map(String)]);
  write('data.csv', csvText([...features, ...targets], cells));
  write('initial.json', serializeModelFile(f.spec, f.state));

  const classification = f.loss.type === 'cross_entropy' || (f.loss.type === 'bce' && yWidth === 1);
  const data: RunConfig['data'] = {
    path: 'data.csv',
    target: yWidth === 1 ? 'target' : targets,
    task: classification ? 'classification' : f.loss.type === 'bce' ? 'multilabel' : 'regression',
    preprocess: { scale: 'none' },
  };
  // every class the network has an output for, whether or not the few fixture rows show it
  if (classification) data.classes = Array.from({ length: Math.max(2, outputs) }, (_, i) => i);
  return { name: 'parity', data, model: { file: 'initial.json' }, train: parityTrainConfig(f) };
}

describe('PyTorch parity through nn-lab train and predict', () => {
  let tmp: ReturnType<typeof tempFolder>;
  beforeAll(() => {
    tmp = tempFolder();
  });
  afterAll(() => tmp.cleanup());

  it('finds the fixtures', () => {
    expect(fixtureFiles.length).toBeGreaterThanOrEqual(20);
  });

  for (const file of fixtureFiles) {
    it(file.replace(/\.json$/, ''), async () => {
      const fixture = readParityFixture(file);
      const dir = join(tmp.dir, file.replace(/\.json$/, ''));
      mkdirSync(dir);
      const write = (name: string, text: string): string => {
        writeFileSync(join(dir, name), text);
        return join(dir, name);
      };
      write('run.json', JSON.stringify(setUp(fixture, write), null, 2));

      const trained = await nnLab(dir, 'train', '--config', 'run.json', '--out', 'trained.json');
      expect(trained.err).toBe('');
      expect(trained.code).toBe(0);
      expect(trained.out.split('\n').filter((l) => l.startsWith('epoch '))).toHaveLength(fixture.epochs);

      const predicted = await nnLab(dir, 'predict', '--model', 'trained.json', '--data', 'data.csv', '--out', 'predictions.csv');
      expect(predicted.code).toBe(0);
      const [header, ...lines] = readFileSync(join(dir, 'predictions.csv'), 'utf8').trim().split('\n');
      expect(header!.split(',')[0]).toBe('output_0');
      expect(lines).toHaveLength(fixture.x.shape[0]!);
      expectCloseToTorch(lines.flatMap((l) => l.split(',').map(Number)), fixture.expected_output_eval_after, 'output');
    });
  }
});

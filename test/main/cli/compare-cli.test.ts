import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mean } from '../../../src-core/compare/index';
import type { RunComparison } from '../../../src-core/contract/runs-api';
import { nnLab, tempFolder } from './cli-harness';
import { blobsConfig, blobsCsv } from './runs-fixtures';

let tmp: ReturnType<typeof tempFolder>;
const ids: Record<string, string> = {};

/** Trains a real run into lab.db through the CLI, with a given learning rate and seed. */
async function train(lr: number, seed: number): Promise<string> {
  const config = blobsConfig(3, `lr ${lr} seed ${seed}`);
  config.train = { ...config.train, optimizer: { type: 'adam', lr }, seed };
  tmp.write('run.json', JSON.stringify(config));
  const result = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--db', 'lab.db');
  expect(result.err).toBe('');
  return /run ([0-9a-f-]{36}) recorded/.exec(result.out)![1]!;
}

beforeAll(async () => {
  tmp = tempFolder();
  tmp.write('blobs.csv', blobsCsv(80));
  for (const seed of [1, 2, 3]) {
    ids[`fast${seed}`] = await train(0.05, seed);
    ids[`slow${seed}`] = await train(0.002, seed);
  }
  ids.other = await train(0.01, 1);
}, 120_000);
afterAll(() => tmp.cleanup());

const fast = () => [ids.fast1!, ids.fast2!, ids.fast3!];
const slow = () => [ids.slow1!, ids.slow2!, ids.slow3!];

describe('nn-lab compare', () => {
  it('prints the table, the seed groups, the settings that differ and the verdict between two groups', async () => {
    const result = await nnLab(tmp.dir, 'compare', ...fast(), ...slow(), '--db', 'lab.db', '--metric', 'val_accuracy');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    expect(lines[0]).toBe('6 runs on validation accuracy (valAccuracy):');
    expect(lines[2]).toMatch(/^RUN\s+NAME\s+SEED\s+GROUP\s+FINAL\s+EPOCH\s+BEST\s+EPOCH\s+TIME$/);
    expect(lines[3]).toMatch(new RegExp(`^${ids.fast1}\\s+lr 0.05 seed 1\\s+1\\s+1\\s+\\d\\.\\d{4}\\s+3\\s+\\d\\.\\d{4}\\s+\\d\\s+\\d+\\.\\d+ s$`));
    expect(result.out).toContain('Groups (runs that differ only by seed): 2\n  1  lr=0.05   3 runs, seeds 1, 2, 3\n  2  lr=0.002  3 runs, seeds 1, 2, 3\n');
    expect(result.out).toMatch(/Settings that differ between the groups:\n {2}SETTING\s+GROUP 1\s+GROUP 2\n {2}train\.optimizer\.lr\s+0\.05\s+0\.002\n/);
    expect(result.out).toContain('Verdict (lr=0.05 vs lr=0.002, final validation accuracy, higher is better):');
    expect(result.out).toMatch(/\n {2}(lr=0\.05 beats lr=0\.002|lr=0\.002 beats lr=0\.05|No detectable difference between lr=0\.05 and lr=0\.002) on validation accuracy .*(over|with) 3 seeds each.*\n/);
    expect(result.out).toMatch(/\n {2}test\s+paired t-test, p [=<] [\d.]+: both groups ran the same 3 seeds/);
    expect(result.out).toMatch(/\n {2}warning\s+only 3 seeds each/);
    expect(result.out).toMatch(/What changed:\n {2}Changed: train\.optimizer\.lr 0\.05 → 0\.002\. The mean validation accuracy curves /);
  });

  it('--json gives the same table, diff and verdict; the difference is that of the runs\' final values, in points', async () => {
    const result = await nnLab(tmp.dir, 'compare', ...fast(), ...slow(), '--db', 'lab.db', '--metric', 'valAccuracy', '--json', '--target', '0.5', '--margin', '1');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out) as Omit<RunComparison, 'runs' | 'curves'>;
    expect(json.table.map((r) => r.runId)).toEqual([...fast(), ...slow()]);
    expect(json.table.every((r) => r.target !== undefined && r.trainingSeconds >= 0 && r.epochs === 3)).toBe(true);
    expect(json.table.find((r) => r.target)!.target!.value).toBeGreaterThanOrEqual(0.5);
    expect(json.groups.map((g) => [g.label, g.seeds])).toEqual([['lr=0.05', [1, 2, 3]], ['lr=0.002', [1, 2, 3]]]);
    const finals = (runIds: string[]) => runIds.map((id) => json.table.find((r) => r.runId === id)!.final!.value * 100);
    expect(json.verdict!.difference).toBeCloseTo(mean(finals(fast())) - mean(finals(slow())), 10);
    expect(json.verdict).toMatchObject({ design: 'paired', nA: 3, nB: 3, nameA: 'lr=0.05', nameB: 'lr=0.002', bayes: { margin: 1 } });
    expect(json.whatChanged!.settings.map((d) => [d.path, ...d.values])).toEqual([['train.optimizer.lr', 0.05, 0.002]]);
    expect(json.whatChanged!.summary).toContain(json.verdict!.sentence);
  });

  it('compares one run against a group, on best values', async () => {
    const result = await nnLab(tmp.dir, 'compare', ...fast(), ids.other!, '--db', 'lab.db', '--metric', 'valLoss', '--at', 'best', '--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out) as Omit<RunComparison, 'runs' | 'curves'>;
    expect(json.verdict).toMatchObject({ design: 'single-run', test: 'single-run-t', at: 'best', nA: 3, nB: 1, nameA: 'lr=0.05', nameB: 'lr=0.01' });
    const bests = json.table.map((r) => r.best!.value);
    expect(json.verdict!.difference).toBeCloseTo(mean(bests.slice(0, 3)) - bests[3]!, 12);
    expect(json.verdict!.sentence).toMatch(/over 1 run against 3 seeds \(t-test of one run against the group\)\.$|with 1 run against 3 seeds \(/);
  });

  it('--csv prints the table alone, with the target columns', async () => {
    const result = await nnLab(tmp.dir, 'compare', ...fast(), '--db', 'lab.db', '--metric', 'accuracy', '--target', '0.5', '--csv');
    expect(result.code).toBe(0);
    const lines = result.out.trim().split('\n');
    expect(lines[0]).toBe('run_id,name,seed,final_accuracy,final_epoch,best_accuracy,best_epoch,epochs,training_seconds,target_epoch,target_seconds');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3))).toEqual(fast().map((id, i) => [id, `lr 0.05 seed ${i + 1}`, String(i + 1)]));
    const both = await nnLab(tmp.dir, 'compare', ...fast(), '--db', 'lab.db', '--csv', '--json');
    expect([both.code, both.err.split('\n')[0]]).toEqual([2, 'nn-lab compare: --json and --csv: choose one']);
  });

  it('gives no verdict for three groups, and says why', async () => {
    const result = await nnLab(tmp.dir, 'compare', ids.fast1!, ids.slow1!, ids.other!, '--db', 'lab.db');
    expect(result.code).toBe(0);
    expect(result.out).toContain('No verdict: it compares exactly two groups, and these runs form 3.');
    expect(result.out).toMatch(/train\.optimizer\.lr\s+0\.05\s+0\.002\s+0\.01\n/);
  });

  it('answers bad input with a clear message: one run, an unknown id, an unknown or unrecorded metric, a bad number', async () => {
    const one = await nnLab(tmp.dir, 'compare', ids.fast1!, ids.fast1!, '--db', 'lab.db');
    expect([one.code, one.err]).toEqual([2, `nn-lab compare: needs at least two run ids to compare (got only ${ids.fast1})\nRun 'nn-lab compare --help' for usage.\n`]);
    const unknown = await nnLab(tmp.dir, 'compare', ids.fast1!, 'nope', '--db', 'lab.db');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('nn-lab compare: There is no run with id "nope".\n');
    const metric = await nnLab(tmp.dir, 'compare', ...fast(), '--metric', 'f1', '--db', 'lab.db');
    expect(metric.code).toBe(2);
    expect(metric.err).toContain("--metric: 'f1' is not a metric (loss, accuracy, valLoss, valAccuracy)");
    const margin = await nnLab(tmp.dir, 'compare', ...fast(), '--margin', 'big', '--db', 'lab.db');
    expect([margin.code, margin.err.split('\n')[0]]).toEqual([2, "nn-lab compare: --margin: 'big' is not a number"]);
    const noDb = await nnLab(tmp.dir, 'compare', ...fast(), '--db', 'missing.db');
    expect(noDb.code).toBe(1);
    expect(noDb.err).toContain('There is no run database here');
  });
});

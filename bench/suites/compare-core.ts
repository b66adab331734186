/**
 * Comparison in the core (issue 13): 20 runs × 1,000 epochs — two configs × 10 shared seeds — through everything
 * `runs.compare` computes in src-core: aligned curves of 4 metrics, seed groups and bands, the config diff, the table
 * with time to a target, what changed and the verdict. No database and no rendering (that part is timed elsewhere).
 * Goal: the whole comparison ≤ 1 s from the click, so the core's share should be a small part of it.
 * Alone: `npx tsx bench/suites/compare-core.ts`.
 */
import { fileURLToPath } from 'node:url';
import {
  alignByEpoch,
  bandsForGroup,
  comparisonTable,
  diffConfigs,
  groupBySeed,
  metricNames,
  runConfigForDiff,
  whatChanged,
} from '../../src-core/compare/index';
import type { EpochMetrics, FullRun } from '../../src-core/contract/training';
import { Random } from '../../src-core/data/random';

const RUNS = 20;
const EPOCHS = 1000;
const REPEATS = 7;

function makeRuns(): FullRun[] {
  const runs: FullRun[] = [];
  for (let r = 0; r < RUNS; r++) {
    const lr = r < RUNS / 2 ? 0.01 : 0.05;
    const seed = (r % (RUNS / 2)) + 1;
    const rng = new Random(seed * 1000 + r);
    const metrics: EpochMetrics[] = [];
    for (let e = 1; e <= EPOCHS; e++) {
      const progress = 1 - Math.exp(-e / (lr === 0.01 ? 300 : 150));
      metrics.push({
        epoch: e,
        loss: 1 - 0.8 * progress + 0.01 * rng.normal(),
        accuracy: 0.5 + 0.45 * progress + 0.005 * rng.normal(),
        valLoss: 1.05 - 0.75 * progress + 0.015 * rng.normal(),
        valAccuracy: 0.5 + 0.42 * progress + 0.008 * rng.normal(),
        lr,
        seconds: 0.05,
      });
    }
    runs.push({
      id: `run-${r}`,
      name: `lr ${lr} seed ${seed}`,
      status: 'completed',
      datasetName: 'two-moons',
      task: 'classification',
      epochs: EPOCHS,
      epochsDone: EPOCHS,
      createdAt: '2026-12-01T00:00:00.000Z',
      spec: { input: [2], layers: [{ type: 'dense', units: 16 }, { type: 'relu' }, { type: 'dense', units: 2 }] },
      train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr }, batchSize: 32, epochs: EPOCHS, seed },
      seed,
      metrics,
      hasWeights: false,
    });
  }
  return runs;
}

function compareOnce(runs: FullRun[]): string {
  const curves = metricNames.map((m) => alignByEpoch(runs, m));
  const groups = groupBySeed(runs);
  const bands = groups.map((g) => metricNames.map((m) => bandsForGroup(g, m)));
  const diff = diffConfigs(runs.map(runConfigForDiff));
  const table = comparisonTable(runs, 'valAccuracy', 0.9);
  const changed = whatChanged(groups[0]!.runs, groups[1]!.runs, 'valAccuracy', { nameA: 'lr=0.01', nameB: 'lr=0.05' });
  if (curves.length !== 4 || bands.length !== 2 || diff.length === 0 || table.length !== RUNS) throw new Error('unexpected comparison');
  return changed.verdict.sentence;
}

export async function run(): Promise<{ title: string; markdown: string }> {
  const runs = makeRuns();
  compareOnce(runs); // warm-up: JIT
  const times: number[] = [];
  let sentence = '';
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    sentence = compareOnce(runs);
    times.push(performance.now() - started);
  }
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  const markdown = [
    `${RUNS} runs × ${EPOCHS.toLocaleString('en-US')} epochs (2 configs × 10 shared seeds), in memory. Median of ${REPEATS} after a warm-up: ` +
      `**${median.toFixed(1)} ms** for aligned curves of 4 metrics, seed bands, the config diff, the table with time to target, ` +
      `what changed and the verdict (min ${Math.min(...times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms). ` +
      `Goal: the comparison ≤ 1 s from the click, of which this is the core's share — ${median <= 1000 ? 'met' : '**not met**'}.`,
    '',
    `Verdict: ${sentence}`,
  ].join('\n');
  await Promise.resolve();
  return { title: 'Comparison in the core: 20 runs × 1,000 epochs', markdown };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await run();
  process.stdout.write(`# ${result.title}\n\n${result.markdown}\n`);
}

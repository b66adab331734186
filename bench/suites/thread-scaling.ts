/**
 * The lab's 1 → 2 thread scaling on W1 (issue 14), by medians: the engine table times one cold process a row, and on
 * this machine two single samples of the same code differ by 20 % or more. Here each round trains W1 for two epochs
 * in a fresh process on 1 thread, then on 2 (the order alternating by round), and times each epoch alone:
 * - the first epoch is the engine table's W1: a cold process, where V8 compiles the training code on background
 *   threads as it goes. On one thread they take the idle core; on two they take time from the run's own threads.
 * - the second epoch runs compiled code: what every epoch after the first of the app's first run sees, since the
 *   pool's threads (and their JIT's work) last as long as the app.
 * Alone: `npx tsx bench/suites/thread-scaling.ts` (each round's children run with relaxed SIMD, as the table's do).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { useKernels } from '../../src-core/nn/index';
import { createThreadTeam } from '../../src-main/pool/thread-team';
import { loadFashion } from '../datasets/load';
import { prepareFashion } from '../datasets/prepare';
import { labSession } from '../engines/lab-engine';
import { singleThreadEnv } from '../harness/child';
import { workloads } from '../workloads';

const ROUNDS = process.env.BENCH_QUICK ? 2 : 7;
const W1 = workloads.W1;

/** One child: W1 for two epochs on `threads`, each epoch's seconds. */
async function child(threads: number): Promise<{ epochs: number[] }> {
  const team = threads > 1 ? createThreadTeam(threads) : null;
  useKernels('wasm', { team });
  const train = loadFashion('train', W1.rows);
  const session = labSession({ workload: W1, train, epochs: 2, seed: 1 });
  team?.warm(); // as the engine table: the helpers' start (once per pool thread in the app) is not the epoch's
  const epochs: number[] = [];
  while (!session.finished) {
    const started = performance.now();
    session.runEpoch();
    epochs.push((performance.now() - started) / 1000);
  }
  await team?.close();
  return { epochs };
}

function runChild(threads: number): number[] {
  const result = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(threads)], {
    encoding: 'utf8',
    env: singleThreadEnv(),
    timeout: 300_000,
  });
  if (result.status !== 0) throw new Error(`the ${threads}-thread child failed: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return (JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { epochs: number[] }).epochs;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * The report's table from each round's epoch seconds (one[round][epoch], two[round][epoch], rounds paired): per epoch
 * the medians (range), the ratio of the medians, and the range of the rounds' own ratios.
 */
export function scalingTable(one: number[][], two: number[][]): string {
  const range = (xs: number[]): string => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
  const row = (what: string, epoch: number): string => {
    const a = one.map((e) => e[epoch]!);
    const b = two.map((e) => e[epoch]!);
    const ratios = a.map((x, i) => x / b[i]!);
    return `| ${what} | ${median(a).toFixed(3)} s (${range(a)}) | ${median(b).toFixed(3)} s (${range(b)}) | **${(median(a) / median(b)).toFixed(2)}×** | ${range(ratios)}× |`;
  };
  return [
    '| epoch | 1 thread | 2 threads | speed-up | rounds |',
    '|---|---:|---:|---:|---:|',
    row("first (cold process: the table's W1)", 0),
    row('second (compiled code: every later epoch and run in the app)', 1),
  ].join('\n');
}

export async function run(): Promise<{ title: string; markdown: string }> {
  prepareFashion(() => {});
  const one: number[][] = [];
  const two: number[][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      one.push(runChild(1));
      two.push(runChild(2));
    } else {
      two.push(runChild(2));
      one.push(runChild(1));
    }
  }
  const markdown = [
    `W1 (784-128-64-10, Adam, batch 64, 60,000 images) for two epochs in a fresh process, ${ROUNDS} rounds of 1 thread then 2 (alternating which goes first), each epoch timed alone. Medians (range); the speed-up is the ratio of the medians, beside the range of each round's own ratio.`,
    '',
    scalingTable(one, two),
  ].join('\n');
  return { title: 'Thread scaling on W1: cold and warm epochs', markdown };
}

if (process.argv.includes('--child')) {
  const threads = Number(process.argv[process.argv.indexOf('--child') + 1]);
  process.stdout.write(`${JSON.stringify(await child(threads))}\n`);
} else if (process.argv[1] === fileURLToPath(import.meta.url)) console.log((await run()).markdown);

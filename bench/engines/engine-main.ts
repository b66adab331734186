/**
 * One (engine, workload) run in its own process: loads the cached data, trains, prints one `RESULT {json}` line.
 * Usage: tsx bench/engines/engine-main.ts --engine tfjs-cpu --workload W1 --rows 60000 --epochs 1
 */
import { loadFashion, loadTwoMoons, type BenchData } from '../datasets/load';
import { engineIds, workloadIds, workloads, type EngineId, type EngineResult, type WorkloadId } from '../workloads';
import { CannotError, type EngineInput, type EngineOutcome } from './engine-types';

const flag = (name: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  if (value === undefined) throw new Error(`engine-main: missing --${name}`);
  return value;
};

async function runner(engine: EngineId): Promise<(input: EngineInput) => Promise<EngineOutcome>> {
  switch (engine) {
    case 'lab':
      return (await import('./lab-engine')).runLab;
    case 'lab-2t': {
      const { runLab } = await import('./lab-engine');
      return (input) => runLab(input, 2);
    }
    case 'tfjs-cpu':
    case 'tfjs-wasm': {
      const tfjs = await import('./tfjs-engine');
      await tfjs.useBackend(engine === 'tfjs-cpu' ? 'cpu' : 'wasm');
      return tfjs.runTfjs;
    }
    case 'convnetjs':
      return (await import('./convnetjs-engine')).runConvnetjs;
    case 'brainjs':
      return (await import('./brainjs-engine')).runBrainjs;
    case 'pytorch':
    case 'pytorch-2t':
      throw new Error('pytorch runs in Python: bench/peers/pytorch_bench.py');
  }
}

const print = (result: EngineResult): void => {
  result.peakRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
};

const engine = flag('engine') as EngineId;
const workloadId = flag('workload') as WorkloadId;
if (!engineIds.includes(engine) || !workloadIds.includes(workloadId)) throw new Error('engine-main: unknown engine or workload');
const workload = workloads[workloadId];
const rows = Number(flag('rows'));
const epochs = Number(flag('epochs'));
const base: EngineResult = { engine, workload: workloadId, status: 'ok', rows, epochs };

try {
  const run = await runner(engine);
  let train: BenchData;
  let test: BenchData | undefined;
  if (workload.dataset === 'fashion-mnist') {
    train = loadFashion('train', rows);
    test = loadFashion('test');
  } else train = loadTwoMoons();
  const outcome = await run({ workload, train, test, epochs, seed: 1 });
  print({ ...base, ...outcome, accuracyOn: test ? 'test' : 'train' });
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof CannotError) print({ ...base, status: 'cannot', note: message });
  else {
    process.stderr.write(`${error instanceof Error ? error.stack : message}\n`);
    print({ ...base, status: 'failed', note: message.split('\n')[0]!.slice(0, 300) });
  }
}

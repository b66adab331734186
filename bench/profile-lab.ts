/**
 * Profiles the lab core's training loop alone (no data loading, no module transpiling, no evaluation) and prints the
 * functions with the most self time. Usage: npx tsx bench/profile-lab.ts W2 [--rows 10000] [--kernels js|wasm] [--top 15] [--out file.cpuprofile]
 * The .cpuprofile opens in Chrome DevTools (Performance panel) or VS Code.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadFashion, loadTwoMoons } from './datasets/load';
import { prepareFashion, prepareTwoMoons } from './datasets/prepare';
import { labSpec } from './engines/lab-engine';
import { createTrainingSession } from '../src-core/nn/index';
import { kernelChoices, useKernels, type KernelChoice } from '../src-core/nn/kernels/gemm';
import { createThreadTeam } from '../src-main/pool/thread-team';
import { workloadIds, workloads, type WorkloadId } from './workloads';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const id = process.argv[2] as WorkloadId;
if (!workloadIds.includes(id)) {
  process.stderr.write(`usage: tsx bench/profile-lab.ts ${workloadIds.join('|')} [--rows N] [--kernels js|wasm] [--out file.cpuprofile]\n`);
  process.exit(2);
}
const option = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const choice = (option('kernels') ?? 'wasm') as KernelChoice;
if (!kernelChoices.includes(choice)) {
  process.stderr.write(`--kernels: expected js or wasm, got ${choice}\n`);
  process.exit(2);
}
const threads = Number(option('threads') ?? 1);
const team = threads > 1 ? createThreadTeam(threads) : null;
const backend = useKernels(choice, { team });
const workload = workloads[id];
const rows = Number(option('rows') ?? workload.rows);
let train;
if (workload.dataset === 'fashion-mnist') {
  prepareFashion(() => {});
  train = loadFashion('train', rows);
} else {
  prepareTwoMoons();
  train = loadTwoMoons();
}
const spec = labSpec({ workload, train, epochs: workload.epochs, seed: 1 });
const session = createTrainingSession({
  spec,
  train: {
    loss: id === 'W3' ? 'bce' : 'cross_entropy',
    optimizer: { type: workload.optimizer.type, lr: workload.optimizer.lr },
    batchSize: workload.batchSize,
    epochs: workload.epochs,
  },
  seed: 1,
  data: { inputShape: spec.input, task: 'classification', classCount: id === 'W3' ? 2 : 10, train: { x: train.x, y: Float32Array.from(train.labels), rows: train.rows } },
});

team?.warm();
const inspector = new Session();
inspector.connect();
await inspector.post('Profiler.enable');
await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
await inspector.post('Profiler.start');
const started = performance.now();
const cpuStarted = process.cpuUsage();
while (!session.finished) session.runEpoch();
const seconds = (performance.now() - started) / 1000;
// The CPU time of this thread's process: steadier than the wall clock on a loaded machine.
const cpu = process.cpuUsage(cpuStarted);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const { profile } = (await inspector.post('Profiler.stop')) as unknown as { profile: Profile };
inspector.disconnect();

const out = option('out');
if (out) writeFileSync(out, JSON.stringify(profile));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
profile.samples.forEach((sample, i) => {
  const frame = byId.get(sample)!.callFrame;
  const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}`;
  self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
process.stdout.write(`${id} on ${backend}: ${rows} rows × ${workload.epochs} epochs trained in ${seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s); self time by function:\n`);
for (const [key, micros] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(option('top') ?? 15))) {
  process.stdout.write(`  ${((micros / total) * 100).toFixed(1).padStart(5)} %  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${key}\n`);
}
await team?.close();

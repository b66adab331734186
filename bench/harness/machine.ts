import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem } from 'node:os';
import { repoDir } from '../datasets/paths';

/** What the report says about where and on what code it ran. */
export interface MachineInfo {
  date: string;
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  commit: string;
  /** Changed or untracked paths at run time (the tree is shared; the bench's own paths are listed apart). */
  dirtyPaths: string[];
  versions: Record<string, string>;
  loadAverageAtStart: number[];
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    return line ? line.split(':')[1]!.trim() : (cpus()[0]?.model ?? 'unknown');
  } catch {
    return cpus()[0]?.model ?? 'unknown';
  }
}

const git = (args: string[]): string => execFileSync('git', args, { cwd: repoDir, encoding: 'utf8' }).trim();

function packageVersion(name: string): string {
  try {
    const require = createRequire(`${repoDir}/package.json`);
    return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

export function torchVersion(): string | undefined {
  try {
    return execFileSync('/usr/bin/python3', ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export function machineInfo(): MachineInfo {
  const dirtyPaths = git(['status', '--porcelain']).split('\n').filter(Boolean).map((l) => l.slice(3));
  return {
    date: new Date().toISOString(),
    cpuModel: cpuModel(),
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirtyPaths,
    versions: {
      '@tensorflow/tfjs': packageVersion('@tensorflow/tfjs'),
      '@tensorflow/tfjs-backend-wasm': packageVersion('@tensorflow/tfjs-backend-wasm'),
      convnetjs: packageVersion('convnetjs'),
      'brain.js': packageVersion('brain.js'),
      tsx: packageVersion('tsx'),
      torch: torchVersion() ?? 'not importable by /usr/bin/python3',
    },
    loadAverageAtStart: loadavg(),
  };
}

import { spawnSync } from 'node:child_process';

/** Debian's python3 with python3-torch; the tests that run exported scripts skip, saying so, without it. */
export const systemPython = '/usr/bin/python3';

/** Why PyTorch scripts cannot run here, or undefined when /usr/bin/python3 imports torch. */
export function torchMissing(): string | undefined {
  const probe = spawnSync(systemPython, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.error) return `${systemPython} is not there (${probe.error.message}); install python3-torch to run these tests`;
  return probe.status === 0 ? undefined : `${systemPython} cannot import torch; install python3-torch to run these tests`;
}

/** Runs a command; fails the test with its output when it exits non-zero. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', ...env }, timeout: 240_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** The numbers of a predictions CSV (header output_0,...), row-major. */
export function csvNumbers(text: string): number[] {
  return text.trim().split('\n').slice(1).flatMap((line) => line.split(',').map(Number));
}

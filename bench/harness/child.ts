import { spawn } from 'node:child_process';

/** Runs one isolated child process (one engine on one workload, or one suite) and returns its output. */

/** Environment for every child: one thread everywhere a library might start more. */
export const singleThreadEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  OMP_NUM_THREADS: '1',
  MKL_NUM_THREADS: '1',
  OPENBLAS_NUM_THREADS: '1',
  NUMEXPR_NUM_THREADS: '1',
  TF_NUM_INTRAOP_THREADS: '1',
  TF_NUM_INTEROP_THREADS: '1',
  ...extra,
});

export interface ChildOutput {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export function runChild(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number; echo?: boolean }): Promise<ChildOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (options.echo) process.stderr.write(chunk);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** The JSON after the last `RESULT ` line of a child's stdout, or undefined. */
export function resultLine(stdout: string): unknown {
  const line = stdout.split('\n').reverse().find((l) => l.startsWith('RESULT '));
  return line === undefined ? undefined : JSON.parse(line.slice('RESULT '.length));
}

/** The last few meaningful stderr lines, for a failure note. */
export function tail(text: string, lines = 3): string {
  return text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('npm warn')).slice(-lines).join(' | ').slice(0, 400);
}

import { execFileSync, spawnSync } from 'node:child_process';
import { isPytorch, type EngineResult } from '../workloads';

/**
 * The BLAS under the PyTorch peer. Debian's torch calls whichever libblas.so.3 is installed: the reference BLAS
 * unless OpenBLAS is (W1 took 5.70 s on it against 0.53 s on OpenBLAS's native kernels on one machine). So the bench
 * installs OpenBLAS (as root) or skips PyTorch saying what to install, runs PyTorch without the variables that pin
 * OpenBLAS to an older kernel, and reports which BLAS and kernel it ran.
 */

/** Needed for honest PyTorch figures. */
export const openBlasPackage = 'libopenblas0-pthread';
/** Names the OpenBLAS kernel in the report; PyTorch runs without it. */
export const threadpoolctlPackage = 'python3-threadpoolctl';

/** Set on some machines for older OpenBLAS builds; they pin a kernel and a cache size other than this CPU's. */
export const pinnedOpenBlasVariables = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'] as const;

/** The PyTorch child's environment: `base` without the variables that pin OpenBLAS (the other engines keep them). */
export function pytorchEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...base };
  for (const name of pinnedOpenBlasVariables) delete env[name];
  return env;
}

/** What the PyTorch peer says about the BLAS it ran (bench/peers/pytorch_bench.py, `blas_report`). */
export interface BlasReport {
  /** 'openblas', 'mkl', 'blis', 'flexiblas' (threadpoolctl's names), 'reference' (netlib's libblas3), or 'unknown'. */
  implementation: string;
  version?: string;
  /** OpenBLAS's kernel for this CPU (e.g. Haswell, SkylakeX, Cooperlake). */
  kernel?: string;
  threading?: string;
  /** The libblas.so.3 that torch loaded, resolved. */
  library?: string;
  /** Why the kernel is not known, when it is not. */
  note?: string;
}

const implementationNames: Record<string, string> = {
  openblas: 'OpenBLAS',
  mkl: 'Intel MKL',
  blis: 'BLIS',
  flexiblas: 'FlexiBLAS',
  reference: 'the reference BLAS (netlib)',
};

/** One line for the report, e.g. "OpenBLAS 0.3.21 (pthreads), kernel Cooperlake (/usr/lib/…/libblas.so.3)". */
export function describeBlas(blas: BlasReport | undefined): string {
  if (!blas) return 'not reported';
  const name = implementationNames[blas.implementation] ?? blas.implementation;
  const version = blas.version ? ` ${blas.version}` : '';
  const threading = blas.threading ? ` (${blas.threading})` : '';
  const kernel = blas.kernel ? `, kernel ${blas.kernel}` : blas.note ? `, kernel unknown (${blas.note})` : '';
  const library = blas.library ? ` (${blas.library})` : '';
  return `${name}${version}${threading}${kernel}${library}`;
}

/** A PyTorch time on anything but an optimized BLAS is not PyTorch's time: such a result is marked failed, saying why. */
export function checkPytorchBlas(result: EngineResult): EngineResult {
  if (!isPytorch(result.engine) || result.status !== 'ok' || result.blas?.implementation !== 'reference') return result;
  return {
    ...result,
    status: 'failed',
    note:
      `ran on ${describeBlas(result.blas)}, not OpenBLAS, so its time is not PyTorch's: install ${openBlasPackage} ` +
      '(or point libblas.so.3 at OpenBLAS with update-alternatives --config libblas.so.3-x86_64-linux-gnu)',
  };
}

/** The machine section's line: the BLAS each PyTorch run reported (one entry when they agree). */
export function pytorchBlasLine(results: EngineResult[]): string {
  const ran = results.filter((r) => r.engine === 'pytorch' && r.blas !== undefined);
  if (ran.length === 0) {
    const skipped = results.find((r) => r.engine === 'pytorch' && r.status !== 'ok');
    return skipped ? `PyTorch did not run (${skipped.note ?? skipped.status})` : 'PyTorch did not run';
  }
  const byBlas = new Map<string, string[]>();
  for (const r of ran) {
    const line = describeBlas(r.blas);
    byBlas.set(line, [...(byBlas.get(line) ?? []), r.workload]);
  }
  const lines = [...byBlas].map(([line, ids]) => (byBlas.size === 1 ? line : `${ids.join(', ')}: ${line}`));
  return `${lines.join('; ')}; ${pinnedOpenBlasVariables.join(' and ')} unset for PyTorch only`;
}

export type OpenBlasPlan = { action: 'ready' } | { action: 'install'; packages: string[] } | { action: 'skip'; note: string };

/**
 * What to do before PyTorch runs: install what is missing (as root, with apt), or skip PyTorch saying what to
 * install when OpenBLAS itself is missing; without dpkg the peer's own BLAS report is the only check.
 */
export function planOpenBlas(facts: { dpkg: boolean; missing: string[]; root: boolean }): OpenBlasPlan {
  if (!facts.dpkg || facts.missing.length === 0) return { action: 'ready' };
  if (facts.root) return { action: 'install', packages: facts.missing };
  if (!facts.missing.includes(openBlasPackage)) return { action: 'ready' };
  return {
    action: 'skip',
    note: `needs ${openBlasPackage} (sudo apt-get install ${facts.missing.join(' ')}): on the reference BLAS Debian's torch is about 10× slower`,
  };
}

/** Which of `packages` dpkg does not list as installed; null without dpkg. */
export function missingPackages(packages: string[]): string[] | null {
  let out: string;
  try {
    out = execFileSync('dpkg-query', ['-W', '-f=${Package} ${Status}\n', ...packages], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (error) {
    // dpkg-query exits 1 when it knows nothing of a package, after printing what it knows of the others.
    const failed = error as { code?: string; stdout?: string };
    if (failed.code === 'ENOENT' || typeof failed.stdout !== 'string') return null;
    out = failed.stdout;
  }
  const installed = new Set(out.split('\n').filter((l) => l.endsWith(' installed')).map((l) => l.split(' ')[0]));
  return packages.filter((p) => !installed.has(p));
}

/** Runs the plan on this machine; returns why PyTorch must be skipped, or undefined when it may run. */
export function ensureOpenBlas(log: (line: string) => void): string | undefined {
  const missing = missingPackages([openBlasPackage, threadpoolctlPackage]);
  const plan = planOpenBlas({ dpkg: missing !== null, missing: missing ?? [], root: process.getuid?.() === 0 });
  if (plan.action === 'ready') return undefined;
  if (plan.action === 'skip') return plan.note;
  log(`installing ${plan.packages.join(' ')} for PyTorch's BLAS ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', '-qq', ...plan.packages], { env, encoding: 'utf8' });
  let out = install();
  if (out.status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { env, encoding: 'utf8' });
    out = install();
  }
  if (out.status === 0 || missingPackages([openBlasPackage])?.length === 0) return undefined;
  return `needs ${openBlasPackage}, and apt-get install failed: ${(out.stderr || out.error?.message || '').trim().split('\n').slice(-1)[0]}`;
}

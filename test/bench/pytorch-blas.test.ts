import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { singleThreadEnv } from '../../bench/harness/child';
import { torchVersion } from '../../bench/harness/machine';
import {
  checkPytorchBlas,
  describeBlas,
  missingPackages,
  planOpenBlas,
  pytorchBlasLine,
  pytorchEnv,
  type BlasReport,
} from '../../bench/harness/pytorch-blas';
import type { EngineResult } from '../../bench/workloads';

const repo = join(__dirname, '..', '..');
const pinned = { OPENBLAS_CORETYPE: 'Haswell', OPENBLAS_L2_SIZE: '512' };

/** The PyTorch peer's own BLAS report, from a real python3 with torch loaded, in `env`. */
function peerBlas(env: NodeJS.ProcessEnv): BlasReport {
  const script = 'import json, sys; sys.path.insert(0, "bench/peers"); import pytorch_bench; print(json.dumps(pytorch_bench.blas_report()))';
  const out = spawnSync('/usr/bin/python3', ['-c', script], { cwd: repo, env, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout) as BlasReport;
}

const withTorch = torchVersion() !== undefined;
const hasDpkg = spawnSync('dpkg-query', ['--version']).status === 0;
const hasThreadpoolctl = withTorch && spawnSync('/usr/bin/python3', ['-c', 'import threadpoolctl']).status === 0;
const openBlasActive = hasThreadpoolctl && peerBlas(pytorchEnv(process.env)).implementation === 'openblas';

describe('the PyTorch child’s environment', () => {
  it('drops OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE for PyTorch only, keeping one thread everywhere', () => {
    const others = singleThreadEnv(pinned);
    expect(others).toMatchObject({ ...pinned, OPENBLAS_NUM_THREADS: '1' });
    const torch = pytorchEnv(others);
    expect(torch).not.toHaveProperty('OPENBLAS_CORETYPE');
    expect(torch).not.toHaveProperty('OPENBLAS_L2_SIZE');
    expect(torch).toMatchObject({ OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' });
    // The other engines' environment is left as it was.
    expect(others).toMatchObject(pinned);
  });

  it.runIf(openBlasActive)('makes a real torch run on the kernel OpenBLAS picks for this CPU, and the peer reports it', () => {
    const clean = { ...process.env };
    for (const name of Object.keys(pinned)) delete clean[name];
    const own = peerBlas(clean);
    expect(own).toMatchObject({ implementation: 'openblas', threading: expect.any(String), library: expect.stringContaining('libblas.so') });
    expect(own.kernel).toMatch(/^\w+$/);
    // Pinned, OpenBLAS obeys (so the report reads the real kernel); the PyTorch child's environment undoes it.
    expect(peerBlas({ ...clean, ...pinned }).kernel).toBe('Haswell');
    expect(peerBlas(pytorchEnv(singleThreadEnv(pinned))).kernel).toBe(own.kernel);
  });

  const referenceDir = '/usr/lib/x86_64-linux-gnu/blas';
  it.runIf(withTorch && existsSync(join(referenceDir, 'libblas.so.3')))('reports the reference BLAS when torch loads it', () => {
    const blas = peerBlas({ ...pytorchEnv(process.env), LD_LIBRARY_PATH: referenceDir });
    expect(blas).toMatchObject({ implementation: 'reference', library: expect.stringContaining(join(referenceDir, 'libblas.so.3')) });
    expect(blas.kernel).toBeUndefined();
  });
});

const openblas: BlasReport = {
  implementation: 'openblas',
  version: '0.3.21',
  kernel: 'Cooperlake',
  threading: 'pthreads',
  library: '/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3',
};
const reference: BlasReport = { implementation: 'reference', library: '/usr/lib/x86_64-linux-gnu/blas/libblas.so.3' };
const torchRun = (workload: 'W1' | 'W2', blas?: BlasReport): EngineResult => ({
  engine: 'pytorch',
  workload,
  status: 'ok',
  rows: 60_000,
  epochs: 1,
  seconds: 0.53,
  ...(blas ? { blas } : {}),
});

describe('what the report says of PyTorch’s BLAS', () => {
  it('names the BLAS, its version, threading and kernel, and the library torch loaded', () => {
    expect(describeBlas(openblas)).toBe('OpenBLAS 0.3.21 (pthreads), kernel Cooperlake (/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3)');
    expect(describeBlas(reference)).toBe('the reference BLAS (netlib) (/usr/lib/x86_64-linux-gnu/blas/libblas.so.3)');
    expect(describeBlas({ implementation: 'openblas', note: 'python3-threadpoolctl is not installed' })).toBe(
      'OpenBLAS, kernel unknown (python3-threadpoolctl is not installed)',
    );
    expect(describeBlas(undefined)).toBe('not reported');
  });

  it('gives one machine line when the runs agree, one per BLAS when they do not, and says why PyTorch did not run', () => {
    expect(pytorchBlasLine([torchRun('W1', openblas), torchRun('W2', openblas)])).toBe(
      `${describeBlas(openblas)}; OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for PyTorch only`,
    );
    expect(pytorchBlasLine([torchRun('W1', openblas), torchRun('W2', { ...openblas, kernel: 'Haswell' })])).toMatch(/^W1: OpenBLAS .*Cooperlake.*; W2: OpenBLAS .*Haswell/);
    expect(pytorchBlasLine([{ ...torchRun('W1'), status: 'skipped', note: 'needs libopenblas0-pthread' }])).toBe('PyTorch did not run (needs libopenblas0-pthread)');
  });

  it('refuses a PyTorch time measured on the reference BLAS, saying what to install', () => {
    expect(checkPytorchBlas(torchRun('W1', openblas))).toEqual(torchRun('W1', openblas));
    const checked = checkPytorchBlas(torchRun('W1', reference));
    expect(checked.status).toBe('failed');
    expect(checked.note).toContain("not OpenBLAS, so its time is not PyTorch's");
    expect(checked.note).toContain('install libopenblas0-pthread');
  });
});

describe('planOpenBlas', () => {
  it('installs what is missing as root, skips PyTorch without OpenBLAS otherwise, and trusts the peer’s report without dpkg', () => {
    expect(planOpenBlas({ dpkg: true, missing: [], root: false })).toEqual({ action: 'ready' });
    expect(planOpenBlas({ dpkg: true, missing: ['libopenblas0-pthread'], root: true })).toEqual({ action: 'install', packages: ['libopenblas0-pthread'] });
    expect(planOpenBlas({ dpkg: true, missing: ['libopenblas0-pthread', 'python3-threadpoolctl'], root: false })).toEqual({
      action: 'skip',
      note: "needs libopenblas0-pthread (sudo apt-get install libopenblas0-pthread python3-threadpoolctl): on the reference BLAS Debian's torch is about 10× slower",
    });
    // Without threadpoolctl only the kernel's name is lost: PyTorch still runs.
    expect(planOpenBlas({ dpkg: true, missing: ['python3-threadpoolctl'], root: false })).toEqual({ action: 'ready' });
    expect(planOpenBlas({ dpkg: false, missing: [], root: true })).toEqual({ action: 'ready' });
  });
});

describe('missingPackages', () => {
  it.runIf(hasDpkg)('asks dpkg which packages are not installed, including ones it has never heard of', () => {
    expect(missingPackages(['dpkg', 'nn-lab-no-such-package'])).toEqual(['nn-lab-no-such-package']);
    expect(missingPackages(['dpkg'])).toEqual([]);
  });
});

describe('the PyTorch peer’s thread flags', () => {
  const peer = (...args: string[]) =>
    spawnSync('/usr/bin/python3', [join('bench', 'peers', 'pytorch_bench.py'), '--workload', 'W3', '--rows', '10', '--epochs', '1', '--cache', 'bench/.cache', ...args], {
      cwd: repo,
      encoding: 'utf8',
    });

  it.runIf(existsSync('/usr/bin/python3'))('refuses a thread count that is not a whole number of at least 1, naming the flag, before torch loads', () => {
    for (const [flag, value] of [['--threads', 'two'], ['--threads', '0'], ['--blas-threads', '-1']] as const) {
      const out = peer(flag, value);
      expect(out.status).toBe(2);
      expect(out.stderr.trim()).toBe(`pytorch_bench: ${flag} takes a whole number of threads, 1 or more; got '${value}'`);
    }
    const missing = peer('--threads');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("--threads takes a whole number of threads, 1 or more; got ''");
  });
});

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineResult } from '../../bench/workloads';

const repo = join(__dirname, '..', '..');

describe('bench harness, end to end', () => {
  it('trains W3 in the lab and in a peer, each in its own process, and writes a partial report', () => {
    const stdout = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'bench/run.ts', '--quick', '--only', 'W3', '--engines', 'lab,brainjs', '--no-suites'],
      { cwd: repo, encoding: 'utf8' },
    );
    expect(stdout).toContain('wrote bench/results/partial.md and bench/results/partial.json');
    const report = JSON.parse(readFileSync(join(repo, 'bench/results/partial.json'), 'utf8')) as { results: EngineResult[] };
    const lab = report.results.find((r) => r.engine === 'lab')!;
    expect(lab.status).toBe('ok');
    // It learned: two moons are almost separable by this net.
    expect(lab.accuracy).toBeGreaterThan(0.95);
    expect(lab.seconds).toBeGreaterThan(0);
    const brain = report.results.find((r) => r.engine === 'brainjs')!;
    expect(brain.status).toBe('ok');
    expect(brain.note).toContain('nearest it can do');
    const md = readFileSync(join(repo, 'bench/results/partial.md'), 'utf8');
    expect(md).toContain('| NN Lab core |');
    expect(md).toContain('| brain.js |');
  });

  it('refuses an unknown engine with a clear message and exit code 2', () => {
    let error: { status?: number; stderr?: string } = {};
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--engines', 'keras'], { cwd: repo, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      error = e as typeof error;
    }
    expect(error.status).toBe(2);
    expect(error.stderr).toContain('bench: --engines: unknown "keras"');
  });
});

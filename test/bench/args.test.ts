import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../bench/harness/args';

describe('bench command line', () => {
  it('runs everything and rewrites BENCHMARKS.md without flags', () => {
    const args = parseArgs([]);
    expect(args.only).toEqual(['W1', 'W2', 'W3']);
    expect(args.engines).toContain('pytorch');
    expect(args.suites).toBeUndefined();
    expect(args.full).toBe(true);
  });

  it('filters workloads and engines, and a filtered run is partial', () => {
    const args = parseArgs(['--only', 'W1,W3', '--engines', 'lab,pytorch', '--quick']);
    expect(args.only).toEqual(['W1', 'W3']);
    expect(args.engines).toEqual(['lab', 'pytorch']);
    expect(args.quick).toBe(true);
    expect(args.full).toBe(false);
  });

  it('runs one suite alone', () => {
    const args = parseArgs(['--suite', 'fashion-accuracy']);
    expect(args.suites).toEqual(['fashion-accuracy']);
    expect(args.only).toEqual([]);
    expect(args.full).toBe(false);
  });

  it('names the bad value and the flag', () => {
    expect(() => parseArgs(['--engines', 'lab,keras'])).toThrow('--engines: unknown "keras" (expected one of lab, lab-2t, tfjs-wasm, tfjs-cpu, convnetjs, brainjs, pytorch, pytorch-2t)');
    expect(() => parseArgs(['--only'])).toThrow('--only needs a value');
    expect(() => parseArgs(['--fast'])).toThrow('unknown option "--fast"');
    expect(() => parseArgs(['--suite-budget', '-3'])).toThrow('--suite-budget needs a positive number of seconds, got "-3"');
  });
});

import { describe, expect, it } from 'vitest';
import { parseConfigMemory, rememberConfig } from '../../../../src-renderer/lib/datasets/config-memory';

describe('config memory', () => {
  it('reads back what it stored', () => {
    const memory = rememberConfig(rememberConfig({}, 'sha256-a', 'sha256-a.cfg-1'), 'sha256-b', 'sha256-b.cfg-2');
    expect(parseConfigMemory(JSON.stringify(memory))).toEqual({ 'sha256-a': 'sha256-a.cfg-1', 'sha256-b': 'sha256-b.cfg-2' });
    expect(rememberConfig(memory, 'sha256-a', null)).toEqual({ 'sha256-b': 'sha256-b.cfg-2' });
    expect(rememberConfig(memory, 'sha256-a', 'sha256-a.cfg-9')['sha256-a']).toBe('sha256-a.cfg-9');
  });

  it('ignores anything malformed instead of failing', () => {
    expect(parseConfigMemory(null)).toEqual({});
    expect(parseConfigMemory('{oops')).toEqual({});
    expect(parseConfigMemory('[1,2]')).toEqual({});
    expect(parseConfigMemory(JSON.stringify({ 'sha256-a': 7, 'sha256-b': 'sha256-c.cfg-1', 'bad id!': 'bad id!.cfg', 'sha256-d': 'sha256-d.cfg-3' }))).toEqual({
      'sha256-d': 'sha256-d.cfg-3',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { explorers } from '../../../../src-core/learn/explorers';
import { activationWorkbench } from '../../../../src-core/learn/activation-functions';
import { firstSentence } from '../../../../src-renderer/places/learn/contents';
import { openInWorkbench } from '../../../../src-renderer/places/learn/workbench';
import type { Route } from '../../../../src-renderer/shell/route';

describe('the Learn contents', () => {
  it('gives each of the 11 explorers a one-line description: its first sentence', () => {
    expect(explorers).toHaveLength(11);
    for (const e of explorers) {
      const line = firstSentence(e.explanation.text);
      expect(line.length, e.id).toBeGreaterThan(20);
      expect(line.length, e.id).toBeLessThan(200);
    }
    expect(firstSentence('One. Two.')).toBe('One.');
    expect(firstSentence('Enough: more')).toBe('Enough…');
    expect(firstSentence('no end')).toBe('no end');
  });
});

describe('openInWorkbench', () => {
  it('loads the set-up as the model panel’s draft, then goes to Build & train; stays when it cannot load', async () => {
    const setup = activationWorkbench('tanh');
    const loaded: unknown[] = [];
    const went: Route[] = [];
    const router = { go: (r: Route) => void went.push(r) };
    expect(await openInWorkbench(setup, { loadDraft: async (d) => (loaded.push(d), true) }, router)).toBe(true);
    expect(loaded).toEqual([setup]);
    expect(went).toEqual([{ place: 'build' }]);
    expect(await openInWorkbench(setup, { loadDraft: async () => false }, router)).toBe(false);
    expect(went).toHaveLength(1);
  });
});

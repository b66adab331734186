import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../../src-core/contract/training';
import { batchModes, batchWorkbench } from '../../../../src-core/learn/index';
import { explorerTag, KeepRunsStore } from '../../../../src-renderer/places/learn/keep-runs.svelte';

describe('Keep as runs', () => {
  function host(failOn?: number) {
    const started: unknown[] = [];
    const updated: RunSummary[] = [];
    const api = {
      'runs.start': async (draft: { name?: string }) => {
        started.push(draft);
        if (started.length === failOn) throw new Error('The run database is read-only');
        return { id: `r${started.length}`, name: draft.name, tags: ['mine'] } as unknown as RunSummary;
      },
      'runs.tag': async ({ id, tags }: { id: string; tags: string[] }) => ({ id, tags }) as unknown as RunSummary,
    };
    return { api, started, updated, runs: { update: (run: RunSummary) => updated.push(run) } };
  }

  it('starts each set-up as a run and tags it with the explorer, keeping its own tags', async () => {
    const h = host();
    const store = new KeepRunsStore(h.api, h.runs);
    await store.keep('batch-size', batchModes.map((m) => batchWorkbench(m)));
    expect(h.started).toHaveLength(3);
    expect(store.kept.map((r) => r.tags)).toEqual([
      ['mine', 'explorer:batch-size'],
      ['mine', 'explorer:batch-size'],
      ['mine', 'explorer:batch-size'],
    ]);
    expect(h.updated.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
    expect(store.keeping).toBe(false);
    expect(explorerTag('xor')).toBe('explorer:xor');
  });

  it('stops at a refusal and says why, keeping what was stored before it', async () => {
    const h = host(2);
    const store = new KeepRunsStore(h.api, h.runs);
    await store.keep('batch-size', batchModes.map((m) => batchWorkbench(m)));
    expect(store.kept).toHaveLength(1);
    expect(store.error).toBe('Could not keep the runs: The run database is read-only');
  });
});

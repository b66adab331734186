import { describe, expect, it } from 'vitest';
import type { LabApi } from '../../../../../src-core/contract/api';
import type { RunSnapshot, SnapshotFrame } from '../../../../../src-core/contract/snapshots';
import { tensor } from '../../../../../src-core/contract/tensor';
import { InsideStore } from '../../../../../src-renderer/places/runs/inside/inside.svelte';

const frame = { task: 'classification', classes: 2, rows: tensor('int32', [0], new Int32Array(0)) } as unknown as SnapshotFrame;
const snapshot = (epoch: number): RunSnapshot => ({ epoch });

describe('InsideStore', () => {
  it('loads the stored snapshots page by page with the frame, and merges those that stream in meanwhile', async () => {
    const asked: unknown[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const api: Pick<LabApi, 'runs.snapshots'> = {
      'runs.snapshots': async (args) => {
        asked.push(args);
        await gate;
        return args.from === 1 ? { frame, snapshots: [snapshot(1), snapshot(2)], next: 5 } : { snapshots: [snapshot(5)] };
      },
    };
    const store = new InsideStore(api);
    const loading = store.ensure('r');
    store.receive({ runId: 'r', snapshot: snapshot(7) }); // live, while the stored ones load
    expect(store.of('r').snapshots.map((s) => s.epoch)).toEqual([7]);
    release();
    await loading;
    expect(asked).toEqual([
      { id: 'r', from: 1, limit: 250, frame: true },
      { id: 'r', from: 5, limit: 250, frame: false },
    ]);
    expect(store.of('r')).toMatchObject({ frame, loaded: true });
    expect(store.of('r').snapshots.map((s) => s.epoch)).toEqual([1, 2, 5, 7]);
    await store.ensure('r'); // loaded: not asked again
    expect(asked).toHaveLength(2);
    store.receive({ runId: 'r', snapshot: snapshot(9) });
    expect(store.of('r').snapshots.map((s) => s.epoch)).toEqual([1, 2, 5, 7, 9]);
    store.forget('r');
    expect(store.of('r').snapshots).toEqual([]);
  });

  it('a new run: the frame first, then each snapshot as it is stored', () => {
    const store = new InsideStore({ 'runs.snapshots': () => Promise.reject(new Error('not asked')) });
    store.receive({ runId: 'n', frame });
    store.receive({ runId: 'n', snapshot: snapshot(1) });
    store.receive({ runId: 'n', snapshot: snapshot(3) });
    expect(store.of('n').frame).toBe(frame);
    expect(store.of('n').snapshots.map((s) => s.epoch)).toEqual([1, 3]);
  });
});

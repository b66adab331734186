/**
 * Many short completed runs in a real SQLite store, as a lab used for months holds them: for the run list's e2e
 * specs and its probe (bench/run-list-probe.ts).
 */
import type { EpochMetrics } from '../../src-core/contract/training';
import { openStore, type LabStore } from '../../src-main/store/lab-store';

/** Stores `count` completed runs of 3 epochs, `stored-0` (oldest) to `stored-<count-1>`, a minute apart; every tenth tagged `baseline`. */
export function storeShortRuns(databasePath: string, count: number): void {
  const store = openStore(databasePath);
  try {
    const base = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < count; i++) {
      storeShortRun(store, `stored-${i}`, `Stored run ${i}`, base + i * 60_000, i % 10 === 0 ? { tags: ['baseline'] } : {});
    }
  } finally {
    store.close();
  }
}

/**
 * Stores a sweep named `name` of `count` completed runs, `<sweepId>-0` to `<sweepId>-<count-1>`, all newer than
 * `storeShortRuns`' (so the sweep heads the run list).
 */
export function storeShortSweep(databasePath: string, sweepId: string, name: string, count: number): void {
  const store = openStore(databasePath);
  try {
    const base = Date.parse('2026-02-01T00:00:00Z');
    store.createSweep({ id: sweepId, name, config: {}, createdAt: new Date(base).toISOString() });
    for (let i = 0; i < count; i++) storeShortRun(store, `${sweepId}-${i}`, `${name} #${i + 1}`, base + i * 60_000, { sweepId });
  } finally {
    store.close();
  }
}

function storeShortRun(store: LabStore, id: string, name: string, createdAt: number, extra: { tags?: string[]; sweepId?: string }): void {
  store.createRun({
    id,
    name,
    datasetId: 'two-moons',
    datasetName: 'Two moons',
    task: 'classification',
    spec: { input: [2], layers: [{ type: 'dense', units: 4 }, { type: 'relu' }, { type: 'dense', units: 2 }] },
    train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32, epochs: 3, seed: 1 },
    seed: 1,
    createdAt: new Date(createdAt).toISOString(),
    ...extra,
  });
  const metrics: EpochMetrics[] = [1, 2, 3].map((epoch) => ({ epoch, loss: 1 / epoch, accuracy: 0.6 + epoch / 20, lr: 0.01, seconds: 0.01 }));
  store.appendEpochs(id, metrics);
  store.finishRun(id, { status: 'completed', finishedAt: new Date(createdAt + 1000).toISOString() });
}

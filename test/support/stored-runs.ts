/**
 * Many short completed runs in a real SQLite store, as a lab used for months holds them: for the run list's e2e
 * spec and its probe (bench/run-list-probe.ts).
 */
import type { EpochMetrics } from '../../src-core/contract/training';
import { openStore } from '../../src-main/store/lab-store';

/** Stores `count` completed runs of 3 epochs, `stored-0` (oldest) to `stored-<count-1>`, a minute apart; every tenth tagged `baseline`. */
export function storeShortRuns(databasePath: string, count: number): void {
  const store = openStore(databasePath);
  try {
    const base = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < count; i++) {
      const id = `stored-${i}`;
      store.createRun({
        id,
        name: `Stored run ${i}`,
        datasetId: 'two-moons',
        datasetName: 'Two moons',
        task: 'classification',
        spec: { input: [2], layers: [{ type: 'dense', units: 4 }, { type: 'relu' }, { type: 'dense', units: 2 }] },
        train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32, epochs: 3, seed: 1 },
        seed: 1,
        createdAt: new Date(base + i * 60_000).toISOString(),
        ...(i % 10 === 0 ? { tags: ['baseline'] } : {}),
      });
      const metrics: EpochMetrics[] = [1, 2, 3].map((epoch) => ({ epoch, loss: 1 / epoch, accuracy: 0.6 + epoch / 20, lr: 0.01, seconds: 0.01 }));
      store.appendEpochs(id, metrics);
      store.finishRun(id, { status: 'completed', finishedAt: new Date(base + i * 60_000 + 1000).toISOString() });
    }
  } finally {
    store.close();
  }
}

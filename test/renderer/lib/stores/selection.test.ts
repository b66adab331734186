import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { DatasetInfo, DatasetPreview } from '../../../../src-core/contract/datasets';
import type { RunDetail, RunSummary } from '../../../../src-core/contract/training';
import type { RunDraft } from '../../../../src-core/contract/runs-api';
import { createLabApi } from '../../../../src-renderer/lib/api/lab-api';
import { WebSocketTransport, type SocketLike } from '../../../../src-renderer/lib/api/websocket-transport';
import { DatasetsStore } from '../../../../src-renderer/places/data/datasets.svelte';
import { NetworkStore } from '../../../../src-renderer/places/build/network.svelte';
import { ModelStore } from '../../../../src-renderer/places/build/model.svelte';
import { runSettingsView, SettingsStore } from '../../../../src-renderer/places/build/settings.svelte';
import { RunSeriesCache } from '../../../../src-renderer/places/runs/run-series.svelte';
import { RunsStore } from '../../../../src-renderer/places/runs/runs.svelte';
import { SelectionStore } from '../../../../src-renderer/lib/stores/selection.svelte';
import { EventHub } from '../../../../src-renderer/shared/hub/event-hub';
import { startServer, type TestServer } from '../api/ws-test-server';
import { summary } from './run-summary-fixture';

/**
 * One selection, one truth: the runs, datasets and model stores over the real API client and WebSocket transport,
 * sharing one SelectionStore, against a host played by the test.
 */

const twoMoons: DatasetInfo = { id: 'two-moons', name: 'Two moons', description: '', task: 'classification', rows: 500, features: 2, inputShape: [2], classes: ['upper', 'lower'] };
const xor: DatasetInfo = { id: 'xor', name: 'XOR', description: '', task: 'classification', rows: 200, features: 2, inputShape: [2], classes: ['0', '1'] };
const digitsSpec = { input: [1, 8, 8], layers: [{ type: 'conv2d' as const, filters: 8, kernel: 3 }, { type: 'relu' as const }, { type: 'flatten' as const }, { type: 'dense' as const, units: 10 }, { type: 'softmax' as const }] };
const moonsRun = summary('m', '2026-01-01T10:00:00Z', { name: 'Two moons #1', datasetId: 'two-moons' });
const cliRun = summary('c', '2026-01-01T11:00:00Z', { name: 'digits #1', datasetId: 'file:/data/digits.csv', datasetName: 'digits.csv' });
const detailOf = (run: RunSummary, extra: Partial<RunDetail> = {}): RunDetail => ({
  ...run,
  spec: { input: [2], layers: [{ type: 'dense', units: 4 }, { type: 'tanh' }, { type: 'dense', units: 1 }, { type: 'sigmoid' }] },
  train: { loss: 'bce', optimizer: { type: 'sgd', lr: 0.3 }, batchSize: 8, epochs: 20000 },
  seed: 1,
  hasWeights: true,
  ...extra,
});
const details: Record<string, RunDetail> = { m: detailOf(moonsRun), c: detailOf(cliRun, { spec: digitsSpec }) };
const preview = (id: string): DatasetPreview => ({ id, points: [[0, 0]], labels: [0] });

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Answers every request as a host with these datasets and runs would. */
function playHost(server: TestServer): void {
  let answered = 0;
  let open = true;
  cleanups.push(() => (open = false));
  const answers: Record<string, (args: { id?: string }) => unknown> = {
    'datasets.list': () => [twoMoons, xor],
    'datasets.preview': ({ id }) => preview(id!),
    'runs.list': () => [moonsRun, cliRun],
    'runs.get': ({ id }) => details[id!],
    'runs.metrics': () => ({ metrics: [] }),
    'sweeps.list': () => [],
  };
  void (async () => {
    while (open) {
      const request = (await server.requestsArrived(answered + 1))[answered++]!;
      server.send({ kind: 'response', id: request.id, response: { ok: true, value: answers[request.name]!(request.args as { id?: string }) } });
    }
  })();
}

async function setup() {
  const server = await startServer();
  const transport = new WebSocketTransport(server.url, { createSocket: (u) => new WebSocket(u) as unknown as SocketLike });
  cleanups.push(() => server.close(), () => transport.close());
  playHost(server);
  const api = createLabApi(transport);
  const selection = new SelectionStore();
  const hub = new EventHub();
  const runs = new RunsStore(api, hub, new RunSeriesCache(), selection);
  const datasets = new DatasetsStore(api, hub, selection, runs);
  const network: NetworkStore = new NetworkStore(datasets, () => model.loss);
  const settings: SettingsStore = new SettingsStore(datasets, () => model.spec);
  const model: ModelStore = new ModelStore(hub, datasets, runs, network, settings);
  await datasets.load();
  await runs.refresh();
  return { selection, runs, datasets, model, settings };
}

describe('one selection', () => {
  it('picking a run shows its dataset, its network and its settings; Train would start exactly those', async () => {
    const { runs, datasets, model } = await setup();
    await datasets.select('xor');
    await runs.select('m');
    expect(runs.selected?.name).toBe('Two moons #1');
    expect(datasets.selectedId).toBe('two-moons');
    expect(datasets.selected?.name).toBe('Two moons');
    await expect.poll(() => model.spec?.layers[0]).toEqual({ type: 'dense', units: 4 });
    // The Training tab shows the run's own settings, its seed included.
    const view = runSettingsView(model.shownDetail!, 2);
    expect(view.values).toMatchObject({ 'optimizer.type': 'sgd', 'optimizer.lr': '0.3', epochs: '20000', batchSize: '8', seed: '1' });
    expect(view.fields.map((f) => f.path)).toContain('optimizer.momentum');
    expect(model.runArgs()).toEqual({ datasetId: 'two-moons', spec: details.m!.spec, train: details.m!.train });
  });

  it('picking a dataset shows that dataset and its default network, and no run', async () => {
    const { runs, datasets, model } = await setup();
    await runs.select('m');
    await datasets.select('xor');
    expect(runs.selected).toBeNull();
    expect(datasets.selected?.id).toBe('xor');
    expect(model.shownRun).toBeNull();
    expect(model.spec?.input).toEqual([2]);
    expect(model.runArgs()).toMatchObject({ datasetId: 'xor', train: { epochs: 200 } });
    await expect.poll(() => datasets.preview?.id).toBe('xor');
  });

  it('opens on the newest run, not on the dataset picked automatically meanwhile', async () => {
    const { runs, datasets } = await setup();
    expect(runs.selectedId).toBe('c');
    expect(datasets.selectedId).toBe('file:/data/digits.csv');
  });

  it('a run whose dataset is not listed blocks Train instead of training the dataset picked before', async () => {
    const { runs, datasets, model } = await setup();
    await datasets.select('xor');
    await runs.select('c');
    await expect.poll(() => model.shownDetail?.id).toBe('c');
    expect(datasets.selected).toBeNull();
    expect(model.runArgs()).toBeNull();
    expect(model.blocker).toBe('digits.csv, the dataset of digits #1, is not in the dataset list: import it to train this network again');

    // Duplicate & edit of it fails the same way: nothing else gets picked.
    const draft: RunDraft = { datasetId: 'file:/data/digits.csv', name: 'digits #1 (copy)', spec: digitsSpec, train: details.c!.train };
    expect(await model.loadDraft(draft)).toBe(false);
    expect(runs.selectedId).toBe('c');
    expect(model.activeDraft).toBeNull();
    expect(model.runArgs()).toBeNull();
  });

  it('a copy loads every option of its run and Train starts exactly those; Discard restores every field it replaced', async () => {
    const { datasets, model, settings } = await setup();
    await datasets.select('two-moons');
    Object.assign(settings.values, { epochs: '500', 'optimizer.lr': '0.002', batchSize: '64', clipNorm: '3' });
    const before = { ...settings.values };
    const train: RunDetail['train'] = {
      loss: 'bce',
      optimizer: { type: 'sgd', lr: 0.3, momentum: 0.9, nesterov: true, weight_decay: 1e-4 },
      batchSize: 8,
      epochs: 20000,
      seed: 11,
      l2: 1e-3,
      schedule: { type: 'cosine', minLr: 1e-4 },
      earlyStopping: { patience: 3, restoreBest: true },
    };
    const spec = { ...details.m!.spec, layers: details.m!.spec.layers.map((l) => (l.type === 'dense' ? { ...l, init: 'he_normal' as const } : l)) };
    const draft: RunDraft = { datasetId: 'two-moons', name: 'Two moons #1 (copy)', spec, train };
    expect(await model.loadDraft(draft)).toBe(true);
    expect(settings.initializer).toBe('he_normal');
    expect(settings.advancedOpen).toBe(true);
    expect(model.runArgs()).toEqual({ datasetId: 'two-moons', name: 'Two moons #1 (copy)', spec, train });
    settings.values.epochs = '7';
    model.discardDraft();
    expect(settings.values).toEqual(before);
    expect(settings.initializer).toBe('auto');
    expect(model.draft).toBeNull();
  });

  it('a setting that cannot work, or a loss the network cannot end with, blocks Train with the field and why', async () => {
    const { datasets, model, settings } = await setup();
    await datasets.select('two-moons');
    settings.values.epochs = '0';
    expect(model.runArgs()).toBeNull();
    expect(model.blocker).toBe('Fix the training settings: Epochs must be above 0');
    settings.values.epochs = '10';
    settings.values.loss = 'cross_entropy';
    expect(settings.messages('loss')[0]).toMatch(/cross_entropy needs the network to end with softmax/);
    expect(model.runArgs()).toBeNull();
  });
});

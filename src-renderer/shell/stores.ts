/**
 * The window's stores, built once and wired here (the one composition file): each takes the API, the event hub
 * and the stores it reads in its constructor; none imports another to tell it something (they talk on the hub).
 */
import type { LossName } from '../../src-core/contract/run-config';
import { api } from '../lib/api/client';
import { saveExport } from '../lib/runs/save-export';
import { SelectionStore } from '../lib/stores/selection.svelte';
import { MainViewStore } from '../places/build/main-view.svelte';
import { ModelStore } from '../places/build/model.svelte';
import { NetworkStore } from '../places/build/network.svelte';
import { SettingsStore } from '../places/build/settings.svelte';
import { TrainingStore } from '../places/build/training.svelte';
import { DatasetImportStore } from '../places/data/dataset-import.svelte';
import { DatasetsStore } from '../places/data/datasets.svelte';
import { RunActionsStore } from '../places/runs/run-actions.svelte';
import { RunSeriesCache } from '../places/runs/run-series.svelte';
import { LayerImagesLoader } from '../places/runs/inside/layer-images.svelte';
import { RunDiagnosticsCache } from '../places/runs/inside/run-diagnostics.svelte';
import { RunsStore } from '../places/runs/runs.svelte';
import { InsideStore } from '../places/runs/inside/inside.svelte';
import { EventHub, type LabEvents } from '../shared/hub/event-hub';
import { NoticesStore } from '../shared/toasts/notices.svelte';
import { AppNoticesStore } from './app-notices.svelte';

export const hub = new EventHub<LabEvents>();
export const notices = new NoticesStore(hub);
export const appNotices = new AppNoticesStore(api);
export const selection = new SelectionStore();
export const runSeries = new RunSeriesCache(api);
export const runDiagnostics = new RunDiagnosticsCache(api);
export const layerImages = new LayerImagesLoader(api);
export const runs = new RunsStore(api, hub, runSeries, selection);
export const inside = new InsideStore(api, hub);
export const datasets = new DatasetsStore(api, hub, selection, runs);
export const datasetImport = new DatasetImportStore(api, hub);
export const mainView = new MainViewStore(hub);
// The network editor checks the last layer against the loss, the settings check the loss against the network.
export const network: NetworkStore = new NetworkStore(datasets, (): LossName | undefined => model.loss);
export const settings: SettingsStore = new SettingsStore(datasets, () => model.spec);
export const model = new ModelStore(hub, datasets, runs, network, settings);
export const training = new TrainingStore(api, hub, model, runs, appNotices);
export const runActions = new RunActionsStore(api, hub, runs, model, saveExport);

import type { RequestArgs } from '../../../src-core/contract/api';
import type { DatasetImportResult, DatasetInfo, DatasetInspection, DatasetPreview } from '../../../src-core/contract/datasets';
import type { LabApi } from '../../../src-core/contract/api';
import { configMemoryKey, parseConfigMemory, rememberConfig } from '../../lib/datasets/config-memory';
import { previewKind } from '../../lib/datasets/preview-kind';
import { describeError } from '../../lib/errors/describe-error';
import type { LabHub } from '../../shared/hub/event-hub';
import type { RunsStore } from '../runs/runs.svelte';
import type { SelectionStore } from '../../lib/stores/selection.svelte';

type DatasetApi = Pick<LabApi, 'datasets.list' | 'datasets.preview' | 'datasets.inspect' | 'datasets.update-columns' | 'datasets.delete'>;

/** The id a dataset's rows are stored under: an imported dataset's, shared by its derived column configs. */
export const baseIdOf = (dataset: DatasetInfo): string => dataset.source?.baseId ?? dataset.id;

/**
 * Puts `info` in the list in place of the entry for the same stored dataset (a derived column config replaces its
 * base), or first among the imported ones when it is new.
 */
export function placeDataset(list: readonly DatasetInfo[], info: DatasetInfo): DatasetInfo[] {
  const base = baseIdOf(info);
  const at = list.findIndex((d) => baseIdOf(d) === base);
  if (at >= 0) return list.map((d, i) => (i === at ? info : d));
  const firstImported = list.findIndex((d) => d.source);
  const next = [...list];
  next.splice(firstImported < 0 ? list.length : firstImported, 0, info);
  return next;
}

function readConfigMemory(): Record<string, string> {
  try {
    return parseConfigMemory(window.localStorage.getItem(configMemoryKey));
  } catch {
    return {}; // storage disabled: the choice lasts for the session
  }
}

function writeConfigMemory(base: string, config: string | null): void {
  try {
    window.localStorage.setItem(configMemoryKey, JSON.stringify(rememberConfig(readConfigMemory(), base, config)));
  } catch {
    // As above.
  }
}

/**
 * The datasets (bundled, then imported), the one picked, its scatter preview and, for an imported one, what the
 * doctor says about it. Column overrides make a derived config (a new id); it takes its base's place in the list
 * and is remembered (localStorage) for the next session.
 */
export class DatasetsStore {
  list = $state.raw<DatasetInfo[]>([]);
  loaded = $state(false);
  /** The dataset picked, or the selected run's dataset: never a copy, so it cannot disagree with the run shown. */
  selectedId: string | null = $derived.by(() => {
    const picked = this.selection.current;
    if (!picked) return null;
    if (picked.kind === 'dataset') return picked.id;
    const run = this.runs.selected ?? (this.runs.detail?.id === picked.id ? this.runs.detail : null);
    return run?.datasetId ?? null;
  });
  // What was loaded about each dataset, by id; only the selected dataset's is shown.
  private previews = $state.raw<Record<string, DatasetPreview>>({});
  private inspections = $state.raw<Record<string, DatasetInspection>>({});
  private inspectErrors = $state.raw<Record<string, string>>({});
  // Loads in flight, so a dataset picked twice is asked for once. Never rendered.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly showing = new Set<string>();
  preview: DatasetPreview | null = $derived((this.selectedId && this.previews[this.selectedId]) || null);
  /** The doctor's view of the selected imported dataset (null while loading, and for bundled ones). */
  inspection: DatasetInspection | null = $derived((this.selectedId && this.inspections[this.selectedId]) || null);
  inspectError: string | null = $derived((this.selectedId && this.inspectErrors[this.selectedId]) || null);
  selected: DatasetInfo | null = $derived(this.list.find((d) => d.id === this.selectedId) ?? null);
  bundled: DatasetInfo[] = $derived(this.list.filter((d) => !d.source && !d.group));
  /** The bundled sets the Learn explorers train on (the checklist's broken ones), listed in their own group. */
  learn: DatasetInfo[] = $derived(this.list.filter((d) => !d.source && d.group === 'learn'));
  imported: DatasetInfo[] = $derived(this.list.filter((d) => d.source));
  /** Columns in each imported file (id → count), learnt from its inspection: the list shows rows × columns. */
  columnCounts = $state.raw<Record<string, number>>({});
  /** The derived config chosen for each stored dataset this session (base id → info). Never rendered. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private configs = new Map<string, DatasetInfo>();

  constructor(
    private readonly api: DatasetApi,
    /** Failures go out on it; a finished import comes in (listed and selected). */
    private readonly hub: LabHub,
    private readonly selection: SelectionStore,
    /** The runs, for the selected run's dataset. */
    private readonly runs: Pick<RunsStore, 'selected' | 'detail'>,
  ) {
    hub.on('dataset.imported', (result) => this.added(result));
  }

  async load(): Promise<void> {
    try {
      let list = await this.api['datasets.list']();
      await this.recallConfigs(list);
      for (const config of this.configs.values()) if (list.some((d) => d.id === baseIdOf(config))) list = placeDataset(list, config);
      this.list = list;
      this.loaded = true;
      void this.countColumns(list.filter((d) => d.source && this.columnCounts[d.id] === undefined));
      // Nothing picked yet: the first dataset, until the runs load and the newest run takes its place.
      const first = this.list[0];
      if (this.selection.current === null && first) this.selection.pickDataset(first.id, true);
      if (this.selectedId) await this.show(this.selectedId);
    } catch (error) {
      void this.hub.emit('notice.error', { context: 'Could not load the datasets', error, persistent: true });
    }
  }

  /** The user picks a dataset: it replaces any selected run. */
  async select(id: string): Promise<void> {
    this.selection.pickDataset(id);
    await this.show(id);
  }

  /**
   * Loads what the window shows about a dataset (its preview; the doctor's report for an imported one), unless it
   * is loaded or loading. Called for whatever `selectedId` becomes: picked, or the dataset of a picked run.
   */
  async show(id: string, again = false): Promise<void> {
    const dataset = this.list.find((d) => d.id === id);
    if (!dataset) return;
    const loaded = id in this.previews || id in this.inspections;
    if (this.showing.has(id) || (loaded && !again)) return;
    this.showing.add(id);
    try {
      const inspecting = dataset.source ? this.inspect(id) : undefined;
      if (previewKind(dataset) !== 'none') {
        try {
          this.previews = { ...this.previews, [id]: await this.api['datasets.preview']({ id }) };
        } catch (error) {
          // An imported table with two input columns may still not be two numeric features (one-hot): no scatter then.
          if (!dataset.source) void this.hub.emit('notice.error', { context: `Could not preview ${dataset.name}`, error });
        }
      }
      await inspecting;
    } finally {
      this.showing.delete(id);
    }
  }

  /** The configs chosen in an earlier session, for datasets still listed (one that is gone is forgotten). */
  private async recallConfigs(list: readonly DatasetInfo[]): Promise<void> {
    for (const [base, config] of Object.entries(readConfigMemory())) {
      if (this.configs.has(base) || !list.some((d) => d.id === base)) continue;
      try {
        const inspection = await this.api['datasets.inspect']({ id: config });
        this.configs.set(base, inspection.info);
        this.noteColumns(inspection);
      } catch {
        writeConfigMemory(base, null);
      }
    }
  }

  private async countColumns(imported: DatasetInfo[]): Promise<void> {
    for (const dataset of imported) {
      try {
        this.noteColumns(await this.api['datasets.inspect']({ id: dataset.id }));
      } catch {
        // The list then shows the rows alone; selecting the dataset reports the problem.
      }
    }
  }

  private noteColumns(inspection: DatasetInspection): void {
    this.columnCounts = { ...this.columnCounts, [inspection.info.id]: inspection.report.columnCount };
  }

  private async inspect(id: string): Promise<void> {
    try {
      const inspection = await this.api['datasets.inspect']({ id });
      this.noteColumns(inspection);
      this.inspections = { ...this.inspections, [id]: inspection };
      if (id in this.inspectErrors) this.inspectErrors = Object.fromEntries(Object.entries(this.inspectErrors).filter(([key]) => key !== id));
    } catch (error) {
      this.inspectErrors = { ...this.inspectErrors, [id]: describeError(error) };
    }
  }

  /** An import finished: the dataset is listed (once) and selected, with the report that came with it. */
  async added(result: DatasetImportResult): Promise<void> {
    this.noteColumns(result);
    // The same bytes again keep the column settings chosen for them this session.
    const config = result.reused ? this.configs.get(baseIdOf(result.info)) : undefined;
    const info = config ?? result.info;
    this.list = placeDataset(this.list, info);
    this.selection.pickDataset(info.id);
    await this.show(info.id, true);
  }

  /** Applies column overrides; resolves to the derived config, or throws the service's ApiError for the caller to show. */
  async applyColumns(args: RequestArgs<'datasets.update-columns'>): Promise<DatasetInspection> {
    const result = await this.api['datasets.update-columns'](args);
    this.configs.set(baseIdOf(result.info), result.info);
    writeConfigMemory(baseIdOf(result.info), result.info.id);
    this.noteColumns(result);
    this.list = placeDataset(this.list, result.info);
    this.selection.pickDataset(result.info.id);
    this.inspections = { ...this.inspections, [result.info.id]: result };
    if (previewKind(result.info) !== 'none') {
      void this.api['datasets.preview']({ id: result.info.id }).then(
        (preview) => (this.previews = { ...this.previews, [result.info.id]: preview }),
        () => {},
      );
    }
    return result;
  }

  /** Goes back from a derived config to the columns as inferred from the file (the config stays stored). */
  async useOriginal(dataset: DatasetInfo): Promise<void> {
    const base = baseIdOf(dataset);
    const inspection = await this.api['datasets.inspect']({ id: base });
    this.configs.delete(base);
    writeConfigMemory(base, null);
    this.list = placeDataset(this.list, inspection.info);
    this.inspections = { ...this.inspections, [base]: inspection };
    await this.select(base);
  }

  /** Deletes an imported dataset with all its configs; throws the service's ApiError (runs still use it) for the caller. */
  async remove(dataset: DatasetInfo): Promise<void> {
    const base = baseIdOf(dataset);
    await this.api['datasets.delete']({ id: base });
    this.configs.delete(base);
    writeConfigMemory(base, null);
    const wasSelected = this.selected !== null && baseIdOf(this.selected) === base;
    this.list = this.list.filter((d) => baseIdOf(d) !== base);
    if (wasSelected) {
      this.selection.clear();
      const first = this.list[0];
      if (first) await this.select(first.id);
    }
  }
}


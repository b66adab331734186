import type { RequestArgs } from '../../../src-core/contract/api';
import type { DatasetImportResult, DatasetInfo, DatasetInspection, DatasetPreview } from '../../../src-core/contract/datasets';
import { api } from '../api/client';
import { configMemoryKey, parseConfigMemory, rememberConfig } from '../datasets/config-memory';
import { previewKind } from '../datasets/preview-kind';
import { describeError } from '../errors/describe-error';
import { notices } from './notices.svelte';

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
class DatasetsStore {
  list = $state.raw<DatasetInfo[]>([]);
  loaded = $state(false);
  selectedId = $state<string | null>(null);
  preview = $state.raw<DatasetPreview | null>(null);
  /** The doctor's view of the selected imported dataset (null while loading, and for bundled ones). */
  inspection = $state.raw<DatasetInspection | null>(null);
  inspectError = $state<string | null>(null);
  selected: DatasetInfo | null = $derived(this.list.find((d) => d.id === this.selectedId) ?? null);
  bundled: DatasetInfo[] = $derived(this.list.filter((d) => !d.source));
  imported: DatasetInfo[] = $derived(this.list.filter((d) => d.source));
  /** Columns in each imported file (id → count), learnt from its inspection: the list shows rows × columns. */
  columnCounts = $state.raw<Record<string, number>>({});
  /** The derived config chosen for each stored dataset this session (base id → info). */
  private configs = new Map<string, DatasetInfo>();

  async load(): Promise<void> {
    try {
      let list = await api['datasets.list']();
      await this.recallConfigs(list);
      for (const config of this.configs.values()) if (list.some((d) => d.id === baseIdOf(config))) list = placeDataset(list, config);
      this.list = list;
      this.loaded = true;
      void this.countColumns(list.filter((d) => d.source && this.columnCounts[d.id] === undefined));
      const first = this.list[0];
      if (!this.selected && first) await this.select(first.id);
    } catch (error) {
      notices.error('Could not load the datasets', error, { persistent: true });
    }
  }

  async select(id: string): Promise<void> {
    if (id === this.selectedId && (this.preview || this.inspection)) return;
    this.selectedId = id;
    this.preview = null;
    this.inspection = null;
    this.inspectError = null;
    const dataset = this.list.find((d) => d.id === id);
    if (!dataset) return;
    if (dataset.source) void this.inspect(id);
    if (previewKind(dataset) === 'none') return;
    try {
      const preview = await api['datasets.preview']({ id });
      if (this.selectedId === id) this.preview = preview;
    } catch (error) {
      // An imported table with two input columns may still not be two numeric features (one-hot): no scatter then.
      if (!dataset.source) notices.error(`Could not preview ${dataset.name}`, error);
    }
  }

  /** The configs chosen in an earlier session, for datasets still listed (one that is gone is forgotten). */
  private async recallConfigs(list: readonly DatasetInfo[]): Promise<void> {
    for (const [base, config] of Object.entries(readConfigMemory())) {
      if (this.configs.has(base) || !list.some((d) => d.id === base)) continue;
      try {
        const inspection = await api['datasets.inspect']({ id: config });
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
        this.noteColumns(await api['datasets.inspect']({ id: dataset.id }));
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
      const inspection = await api['datasets.inspect']({ id });
      this.noteColumns(inspection);
      if (this.selectedId === id) this.inspection = inspection;
    } catch (error) {
      if (this.selectedId === id) this.inspectError = describeError(error);
    }
  }

  /** An import finished: the dataset is listed (once) and selected, with the report that came with it. */
  async added(result: DatasetImportResult): Promise<void> {
    this.noteColumns(result);
    // The same bytes again keep the column settings chosen for them this session.
    const config = result.reused ? this.configs.get(baseIdOf(result.info)) : undefined;
    const info = config ?? result.info;
    this.list = placeDataset(this.list, info);
    this.selectedId = null;
    await this.select(info.id);
  }

  /** Applies column overrides; resolves to the derived config, or throws the service's ApiError for the caller to show. */
  async applyColumns(args: RequestArgs<'datasets.update-columns'>): Promise<DatasetInspection> {
    const result = await api['datasets.update-columns'](args);
    this.configs.set(baseIdOf(result.info), result.info);
    writeConfigMemory(baseIdOf(result.info), result.info.id);
    this.noteColumns(result);
    this.list = placeDataset(this.list, result.info);
    this.selectedId = result.info.id;
    this.inspection = result;
    this.preview = null;
    if (previewKind(result.info) !== 'none') {
      void api['datasets.preview']({ id: result.info.id }).then(
        (preview) => {
          if (this.selectedId === result.info.id) this.preview = preview;
        },
        () => {},
      );
    }
    return result;
  }

  /** Goes back from a derived config to the columns as inferred from the file (the config stays stored). */
  async useOriginal(dataset: DatasetInfo): Promise<void> {
    const base = baseIdOf(dataset);
    const inspection = await api['datasets.inspect']({ id: base });
    this.configs.delete(base);
    writeConfigMemory(base, null);
    this.list = placeDataset(this.list, inspection.info);
    this.selectedId = null;
    await this.select(base);
  }

  /** Deletes an imported dataset with all its configs; throws the service's ApiError (runs still use it) for the caller. */
  async remove(dataset: DatasetInfo): Promise<void> {
    const base = baseIdOf(dataset);
    await api['datasets.delete']({ id: base });
    this.configs.delete(base);
    writeConfigMemory(base, null);
    const wasSelected = this.selected !== null && baseIdOf(this.selected) === base;
    this.list = this.list.filter((d) => baseIdOf(d) !== base);
    if (wasSelected) {
      this.selectedId = null;
      const first = this.list[0];
      if (first) await this.select(first.id);
    }
  }
}

export const datasets = new DatasetsStore();

import type { DatasetInfo, DatasetPreview } from '../../../src-core/contract/datasets';
import { api } from '../api/client';
import { notices } from './notices.svelte';

/** The bundled datasets, the one picked, and its scatter preview. */
class DatasetsStore {
  list = $state.raw<DatasetInfo[]>([]);
  loaded = $state(false);
  selectedId = $state<string | null>(null);
  preview = $state.raw<DatasetPreview | null>(null);
  selected: DatasetInfo | null = $derived(this.list.find((d) => d.id === this.selectedId) ?? null);

  async load(): Promise<void> {
    try {
      this.list = await api['datasets.list']();
      this.loaded = true;
      const first = this.list[0];
      if (!this.selected && first) await this.select(first.id);
    } catch (error) {
      notices.error('Could not load the datasets', error);
    }
  }

  async select(id: string): Promise<void> {
    if (id === this.selectedId && this.preview) return;
    this.selectedId = id;
    this.preview = null;
    const dataset = this.list.find((d) => d.id === id);
    if (!dataset || dataset.features !== 2) return;
    try {
      const preview = await api['datasets.preview']({ id });
      if (this.selectedId === id) this.preview = preview;
    } catch (error) {
      notices.error(`Could not preview ${dataset.name}`, error);
    }
  }
}

export const datasets = new DatasetsStore();

import type { DatasetInfo } from '../../../src-core/contract/datasets';
import type { LayerType, ModelSpec } from '../../../src-core/contract/model-spec';
import type { LossName, TrainConfig } from '../../../src-core/contract/run-config';
import type { FieldIssue } from '../../../src-core/workbench/field-issues';
import { editLayer, insertLayer, moveLayer, newLayer, recordEdit, redo, removeLayer, startHistory, undo, type EditHistory } from '../../../src-core/workbench/layer-edits';
import { layerOptionFields, typedOption } from '../../../src-core/workbench/layer-options';
import { layerRows, type StackRows } from '../../../src-core/workbench/layer-rows';
import { buildPreset, defaultPresetId, presetsFor, type DatasetShape, type PresetId, type PresetInfo } from '../../../src-core/workbench/presets';
import { checkUserPreset, readSavedPresets, userPreset, withSavedPreset, type UserPreset } from '../../../src-core/workbench/user-preset';
import { shapeOf } from '../../lib/model/default-model';

/** Where the saved presets live: this window's localStorage (a JSON array of `nn-lab-preset` files). */
export const savedPresetsKey = 'nn-lab.saved-presets';

function readSaved(): UserPreset[] {
  try {
    return readSavedPresets(window.localStorage.getItem(savedPresetsKey));
  } catch {
    return []; // storage disabled: presets last for the session
  }
}

/** Option text that cannot work, kept in its field until fixed; it blocks Train. */
export interface InvalidOption {
  layer: number;
  option: string;
  text: string;
  message: string;
}

/**
 * The network being built for the picked dataset: one edit history per dataset (a dataset never edited shows its
 * default preset), the rows the engine infers from it, the option text that cannot work yet, and the saved presets.
 */
export class NetworkStore {
  // Each dataset's history, by id; replaced on every edit.
  private histories = $state.raw<Record<string, EditHistory>>({});
  /** By "layer.option"; cleared by any edit that moves layers. */
  invalid = $state.raw<Record<string, InvalidOption>>({});
  /** The gap a palette button adds into: 0 before the first layer, `layers.length` after the last. */
  insertAt = $state<number | null>(null);
  /** The layer whose options are open (−1: the input row); the palette adds after it. */
  open = $state<number | null>(null);
  saved = $state.raw<UserPreset[]>(readSaved());

  shape: DatasetShape | null = $derived.by(() => (this.datasets.selected ? shapeOf(this.datasets.selected) : null));
  private datasetId: string | null = $derived.by(() => this.datasets.selected?.id ?? null);
  history: EditHistory | null = $derived.by(() => {
    if (!this.datasetId || !this.shape) return null;
    return this.histories[this.datasetId] ?? startHistory(this.defaultSpec(this.shape));
  });
  spec: ModelSpec | null = $derived(this.history?.present ?? null);
  rows: StackRows | null = $derived.by(() => (this.spec ? layerRows(this.spec, this.loss()) : null));
  presets: PresetInfo[] = $derived(this.shape ? presetsFor(this.shape) : []);
  /** Where the palette adds: the chosen gap, else after the last layer. */
  gap: number = $derived(Math.min(this.insertAt ?? Infinity, this.spec?.layers.length ?? 0));
  /** Why this network cannot be trained (null when it can): a field's text, then the engine's message. */
  blocker: string | null = $derived.by(() => {
    const spec = this.spec;
    if (!spec) return null;
    const bad = Object.values(this.invalid)[0];
    if (bad) return `layer ${bad.layer} (${spec.layers[bad.layer]?.type ?? '?'}): ${bad.message}`;
    return this.rows?.error ?? this.rows?.rows.find((r) => r.error)?.error ?? null;
  });
  canUndo = $derived((this.history?.past.length ?? 0) > 0);
  canRedo = $derived((this.history?.future.length ?? 0) > 0);

  constructor(
    private readonly datasets: { readonly selected: Pick<DatasetInfo, 'id' | 'task' | 'inputShape' | 'classes'> | null },
    /** The loss training will use, which the last layer must fit (softmax for cross entropy, sigmoid for bce). */
    private readonly loss: () => LossName | undefined,
  ) {}

  // Datasets whose default settings were offered already (bookkeeping, never rendered).
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private visited = new Set<string>();

  /**
   * The settings the picked dataset's default network trains well with, the first time it is picked in this
   * window (null afterwards, so the person's own settings stay).
   */
  firstVisitTraining(): TrainConfig | null {
    if (!this.datasetId || !this.shape || this.visited.has(this.datasetId)) return null;
    this.visited.add(this.datasetId);
    return buildPreset(defaultPresetId(this.shape), this.shape).train;
  }

  private defaultSpec(shape: DatasetShape): ModelSpec {
    return buildPreset(defaultPresetId(shape), shape).spec;
  }

  private commit(next: ModelSpec, key?: string, datasetId = this.datasetId): void {
    const history = datasetId === this.datasetId ? this.history : this.histories[datasetId ?? ''];
    if (!datasetId || !history) return;
    this.histories = { ...this.histories, [datasetId]: recordEdit(history, next, key) };
  }

  /** Any edit but typing into an option: the layers may move, so option text that could not work is dropped. */
  private reshape(next: ModelSpec): void {
    this.invalid = {};
    this.commit(next);
  }

  /** Adds a `type` layer into the palette's gap and moves the gap after it; answers the new layer's index. */
  add(type: LayerType): number {
    if (!this.spec) return -1;
    const at = this.gap;
    this.reshape(insertLayer(this.spec, at, newLayer(type)));
    this.pick(at);
    return at;
  }

  /** Opens layer `index` (−1: the input row) and makes the gap after it the palette's. */
  pick(index: number): void {
    this.open = index;
    this.insertAt = index + 1;
  }

  remove(index: number): void {
    if (!this.spec) return;
    this.reshape(removeLayer(this.spec, index));
    if (this.insertAt !== null && this.insertAt > index) this.insertAt -= 1;
    if (this.open !== null && this.open >= index) this.open = this.open === index ? null : this.open - 1;
  }

  move(index: number, by: number): number {
    if (!this.spec) return index;
    const next = moveLayer(this.spec, index, by);
    this.reshape(next);
    return Math.min(this.spec.layers.length - 1, Math.max(0, index + by));
  }

  /** The text typed into option `name` of layer `index`: set when it can work, else kept with its message. */
  type(index: number, name: string, text: string): void {
    const layer = this.spec?.layers[index];
    const field = layer && layerOptionFields(layer.type).find((f) => f.name === name);
    if (!layer || !field) return;
    const key = `${index}.${name}`;
    const typed = typedOption(layer, field, text);
    const { [key]: _old, ...others } = this.invalid;
    if ('error' in typed) {
      this.invalid = { ...others, [key]: { layer: index, option: name, text, message: typed.error } };
      return;
    }
    this.invalid = others;
    this.commit(editLayer(this.spec!, index, { [name]: typed.value }), key);
  }

  /** A choice or switch option (initialiser, bias): set at once. */
  choose(index: number, name: string, value: unknown): void {
    if (!this.spec) return;
    this.commit(editLayer(this.spec, index, { [name]: value }));
  }

  undo(): void {
    if (!this.history || !this.canUndo) return;
    this.invalid = {};
    this.histories = { ...this.histories, [this.datasetId!]: undo(this.history) };
  }

  redo(): void {
    if (!this.history || !this.canRedo) return;
    this.invalid = {};
    this.histories = { ...this.histories, [this.datasetId!]: redo(this.history) };
  }

  /** Replaces the network by preset `id` (one undoable step) and answers the settings it trains well with. */
  applyPreset(id: PresetId): TrainConfig | null {
    if (!this.shape) return null;
    const built = buildPreset(id, this.shape);
    this.reshape(built.spec);
    this.insertAt = this.open = null;
    return built.train;
  }

  /** Replaces the network by a saved one (one undoable step); answers its training settings when it has them. */
  applySaved(preset: UserPreset): TrainConfig | null {
    this.reshape(preset.spec);
    this.insertAt = this.open = null;
    return preset.train ?? null;
  }

  /** Puts `spec` in dataset `datasetId`'s editor (a duplicated run's network), as one undoable step. */
  load(datasetId: string, spec: ModelSpec): void {
    this.invalid = {};
    this.insertAt = this.open = null;
    const history = (datasetId === this.datasetId ? this.history : this.histories[datasetId]) ?? startHistory(spec);
    this.histories = { ...this.histories, [datasetId]: recordEdit(history, spec) };
  }

  /** Saves the current network (and `train`) under `name`, kept across reloads; answers what is wrong, if anything. */
  save(name: string, train?: TrainConfig): FieldIssue[] {
    if (!this.spec) return [{ field: 'spec', message: 'pick a dataset first' }];
    const checked = checkUserPreset(JSON.parse(JSON.stringify(userPreset(name.trim(), this.spec, train))));
    if ('issues' in checked) return checked.issues;
    this.saved = withSavedPreset(this.saved, checked.preset);
    this.persist();
    return [];
  }

  forget(name: string): void {
    this.saved = this.saved.filter((p) => p.name !== name);
    this.persist();
  }

  private persist(): void {
    try {
      window.localStorage.setItem(savedPresetsKey, JSON.stringify(this.saved));
    } catch {
      // As in readSaved.
    }
  }
}

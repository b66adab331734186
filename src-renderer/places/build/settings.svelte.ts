import type { DatasetInfo, DatasetInspection } from '../../../src-core/contract/datasets';
import type { RunDetail } from '../../../src-core/contract/training';
import type { InitializerName, ModelSpec } from '../../../src-core/contract/model-spec';
import type { DataSetup, TrainConfig } from '../../../src-core/contract/run-config';
import { dataSetupColumns, splitFields, dataSetupFormOf, initialDataSetupForm, readDataSetupForm, type DataSetupColumn, type DataSetupFormValues } from '../../../src-core/workbench/data-setup-form';
import type { FieldIssue } from '../../../src-core/workbench/field-issues';
import {
  formContext,
  formLoss,
  initialTrainingForm,
  lossMismatch,
  readTrainingForm,
  sharedInitializer,
  trainingFormOf,
  withDefaultInitializer,
  type FormTask,
  type TrainingFormValues,
} from '../../../src-core/workbench/training-form';
import { fieldMessages, initializerChoices, initializerHint, trainingFields, type TrainingField } from '../../../src-core/workbench/training-options';
import { defaultLoss } from '../../lib/model/default-model';

/** What the form needs to know about the dataset picked. */
function formTask(dataset: Pick<DatasetInfo, 'task' | 'classes'>): FormTask {
  return { task: dataset.task, ...(dataset.classes ? { classes: dataset.classes.length } : {}), defaultLoss: defaultLoss(dataset) };
}

/** The default initialiser, shown among the training options though it sets the network's weighted layers. */
export const initializerField: TrainingField = { path: 'initializer', label: 'Default initialiser', hint: `${initializerHint} For the layers without one of their own (a preset gives its hidden layers theirs).`, advanced: true, input: 'choice', choices: initializerChoices, default: 'auto' };

/** A stored run's settings as the form shows them (read-only): every option it had, its seed included. */
export function runSettingsView(detail: Pick<RunDetail, 'train' | 'seed' | 'task' | 'spec'>, classes?: number): { values: TrainingFormValues; fields: TrainingField[]; initializer: InitializerName } {
  const values = trainingFormOf({ ...detail.train, seed: detail.seed });
  const task: FormTask = { task: detail.task, ...(classes !== undefined ? { classes } : {}), defaultLoss: detail.train.loss };
  return { values, fields: trainingFields(formContext(values, task)), initializer: sharedInitializer(detail.spec) };
}

/** A snapshot of the form, to put back when a loaded copy is discarded. */
export interface SettingsSnapshot {
  values: TrainingFormValues;
  initializer: InitializerName;
  data: DataSetupFormValues;
}

/**
 * The training settings Train uses: every option the engine has, kept as the text typed (src-core's
 * training-form.ts reads it into a `TrainConfig` with a message per field), the default initialiser of the
 * network's weighted layers, and the disclosure of the advanced options.
 */
export class SettingsStore {
  values = $state<TrainingFormValues>({ ...initialTrainingForm });
  initializer = $state<InitializerName>('auto');
  advancedOpen = $state(false);
  /** The Data group: split and per-column preprocessing (imported tables only; see data-setup-form.ts). */
  data = $state<DataSetupFormValues>({ ...initialDataSetupForm });

  /** The selected imported table's feature columns, from its inspection (none for other datasets). */
  dataColumns: DataSetupColumn[] = $derived.by(() => {
    const inspection = this.datasets.inspection;
    return this.datasets.selected?.source && inspection && inspection.info.id === this.datasets.selected.id ? dataSetupColumns(inspection.plan) : [];
  });
  /** Whether the Data group applies: an imported table (generated sets have their own split). */
  hasDataSetup = $derived.by(() => !!this.datasets.selected?.source);
  private readData = $derived.by(() =>
    this.hasDataSetup ? readDataSetupForm(this.data, this.dataColumns, this.datasets.selected?.task === 'classification') : { issues: [] as FieldIssue[] },
  );
  /** What `runs.start` takes as `data`: undefined at the defaults or for a generated dataset. */
  dataSetup: DataSetup | undefined = $derived(this.readData.setup);

  task: FormTask | null = $derived.by(() => (this.datasets.selected ? formTask(this.datasets.selected) : null));
  /** The loss the form stands for: the one picked when it fits the dataset's task, else the network's own. */
  loss = $derived(this.task ? formLoss(this.values, this.task) : undefined);
  /** The fields that apply to the optimizer, schedule, loss and early stopping chosen, in order. */
  fields: TrainingField[] = $derived.by(() => (this.task ? trainingFields(formContext(this.values, this.task)) : []));
  private read = $derived.by(() => (this.task ? readTrainingForm(this.values, this.task) : { issues: [] as FieldIssue[] }));
  /** Every problem, each on its field; the loss is also checked against the network's last layer. */
  issues: FieldIssue[] = $derived.by(() => {
    const spec = this.spec();
    const config = this.read.config;
    const mismatch = spec && config ? lossMismatch(spec, config.loss) : undefined;
    const issues = [...this.read.issues, ...this.readData.issues];
    return mismatch ? [...issues, { field: 'loss', message: mismatch }] : issues;
  });
  /** The settings as `runs.start` takes them, or null while a field cannot work. */
  config: TrainConfig | null = $derived(this.issues.length === 0 ? (this.read.config ?? null) : null);
  /** Why Train cannot start with these settings: the first field's label and message. */
  blocker: string | null = $derived.by(() => {
    const first = this.issues[0];
    if (!first) return null;
    const field = [...this.fields, ...Object.values(splitFields)].find((f) => first.field === f.path || first.field.startsWith(`${f.path}.`));
    return `Fix the training settings: ${field?.label ?? first.field} ${first.message}`;
  });

  constructor(
    private readonly datasets: { readonly selected: DatasetInfo | null; readonly inspection?: DatasetInspection | null },
    /** The network being edited (null when there is none), for the loss check. */
    private readonly spec: () => ModelSpec | null,
  ) {}

  messages(path: string): string[] {
    return fieldMessages(this.issues, path);
  }

  /** The network with the default initialiser on its weighted layers that have none of their own. */
  initialized(spec: ModelSpec): ModelSpec {
    return withDefaultInitializer(spec, this.initializer);
  }

  /** Every option of a stored run (its seed kept), the initialiser its layers share and its data set-up, into the form. */
  load(train: TrainConfig, spec?: ModelSpec, data?: { setup?: DataSetup }): void {
    this.values = trainingFormOf(train);
    // A run's copy brings its data set-up (none: the defaults); a preset keeps the one in the form.
    if (data) this.data = dataSetupFormOf(data.setup);
    this.initializer = spec ? sharedInitializer(spec) : 'auto';
    if (fieldsBeyondBasics(this.values)) this.advancedOpen = true;
  }

  snapshot(): SettingsSnapshot {
    return { values: { ...this.values }, initializer: this.initializer, data: this.data };
  }

  restore(snapshot: SettingsSnapshot): void {
    this.values = snapshot.values;
    this.initializer = snapshot.initializer;
    this.data = snapshot.data;
  }

  /** A new random seed in the seed field (an empty one draws a new seed for each run). */
  newSeed(): void {
    this.values.seed = String(crypto.getRandomValues(new Uint32Array(1))[0]! >>> 1);
  }
}

const basics = new Set(['loss', 'optimizer.type', 'optimizer.lr', 'epochs', 'batchSize', 'seed', 'shuffle', 'schedule.type', 'earlyStopping']);

/** Whether a loaded config sets an advanced option, so the form opens them to show it. */
function fieldsBeyondBasics(values: TrainingFormValues): boolean {
  return Object.entries(values).some(([path, value]) => !basics.has(path) && value !== '' && value !== false) || values['schedule.type'] !== 'none' || values.earlyStopping === true || values.shuffle === false;
}

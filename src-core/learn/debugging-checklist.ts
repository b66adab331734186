import type { ModelSpec } from '../contract/model-spec';
import type { TrainConfig } from '../contract/run-config';
import { inferColumns } from '../data/columns/infer-columns';
import { parseCsv } from '../data/csv/parse-csv';
import { diagnoseDataset } from '../data/doctor/diagnose-dataset';
import type { WarningCode } from '../data/doctor/dataset-report';
import { findBundledDataset } from '../data/datasets/index';
import type { TensorData } from '../data/training-data';
import { diagnose, inputStats, type FindingKind } from '../insight/index';
import type { Explanation, WorkbenchSetup } from './explainer';
import { bundledData, trainCurves } from './train-curves';

/**
 * Explorer 11: four broken set-ups on two moons and the check that catches each (each one's rows a bundled dataset,
 * so its stored run and the workbench train on what the explorer checked): the dataset doctor reads
 * the file before training (unscaled inputs, a NaN), the run's diagnosis reads the training that followed
 * (labels that do not belong to their rows, a learning rate far too high). Each comes with what to do.
 */
export const checklistCases = ['unscaled_inputs', 'wrong_labels', 'nan_in_data', 'learning_rate_too_high'] as const;
export type ChecklistCase = (typeof checklistCases)[number];

export interface ChecklistResult {
  id: ChecklistCase;
  title: string;
  /** What went wrong in the set-up. */
  symptom: string;
  caughtBy: 'dataset doctor' | 'run diagnosis';
  /** The doctor's warning code or the diagnosis's finding kind that caught it, with its words; null if nothing did. */
  finding: { code: WarningCode | FindingKind; message: string; advice?: string } | null;
  /** The fix, in the lab's words. */
  fix: string;
  /** For a case the run diagnosis reads: the training loss per epoch it read (Infinity where it diverged); [] for the doctor's. */
  loss: number[];
}

const cases: Record<ChecklistCase, { title: string; datasetId: string; symptom: string; caughtBy: ChecklistResult['caughtBy']; expect: WarningCode | FindingKind; fix: string }> = {
  unscaled_inputs: {
    title: 'Unscaled inputs',
    datasetId: 'checklist-unscaled-inputs',
    symptom: 'x2 was recorded in thousandths: it runs to thousands while x1 stays within ±2.',
    caughtBy: 'dataset doctor',
    expect: 'unscaled',
    fix: 'Standardise the inputs (scale "standard" when importing): each feature then has mean 0 and standard deviation 1, and no weight has to be a thousand times smaller than another.',
  },
  wrong_labels: {
    title: 'Labels encoded wrong',
    datasetId: 'checklist-wrong-labels',
    symptom: 'The labels were joined to the rows in the wrong order: each row carries another row’s class.',
    caughtBy: 'run diagnosis',
    expect: 'plateau',
    fix: 'Check the labels against a few rows by eye: when the loss stays at ln 2 ≈ 0.69 (chance for two classes) whatever the learning rate or the network, the inputs do not predict the labels.',
  },
  nan_in_data: {
    title: 'A NaN in the data',
    datasetId: 'checklist-nan-in-data',
    symptom: 'Nine values of x1 are NaN (a failed sensor read, every 60th row).',
    caughtBy: 'dataset doctor',
    expect: 'missing_values',
    fix: 'Drop those rows or fill them in (with the column’s median) before training: one NaN in a batch turns the loss and every weight into NaN.',
  },
  learning_rate_too_high: {
    title: 'A learning rate far too high',
    datasetId: 'two-moons',
    symptom: 'Plain SGD at lr 20, where 0.1 would do.',
    caughtBy: 'run diagnosis',
    expect: 'learning_rate_too_high',
    fix: 'Lower the learning rate (a tenth at a time) until the loss falls steadily, or switch to Adam, whose steps are sized per weight.',
  },
};

export const checklistSpec: ModelSpec = {
  input: [2],
  layers: [{ type: 'dense', units: 16 }, { type: 'tanh' }, { type: 'dense', units: 16 }, { type: 'tanh' }, { type: 'dense', units: 1 }, { type: 'sigmoid' }],
};

export function checklistTrain(id: ChecklistCase): TrainConfig {
  // Kept runs show a broken set-up and end (diverged, when it comes to that) rather than pause and hold a pool thread.
  return { loss: 'bce', optimizer: { type: 'sgd', lr: id === 'learning_rate_too_high' ? 20 : 0.1 }, batchSize: 32, epochs: 30, seed: 1, autoPause: false };
}

export function runChecklistCase(id: ChecklistCase): ChecklistResult {
  const c = cases[id];
  const base = { id, title: c.title, symptom: c.symptom, caughtBy: c.caughtBy, fix: c.fix, loss: [] as number[] };
  if (c.caughtBy === 'dataset doctor') {
    const csv = csvOf(findBundledDataset(c.datasetId)!.rows());
    const table = parseCsv(csv, { fileName: `${id}.csv` });
    const report = diagnoseDataset(table, inferColumns(table, { target: 'label' }));
    const warning = report.warnings.find((w) => w.code === c.expect);
    return { ...base, finding: warning ? { code: warning.code, message: warning.message } : null };
  }
  const trained = bundledData(c.datasetId);
  const run = trainCurves(checklistSpec, checklistTrain(id), trained, { diagnostics: true });
  const findings = diagnose({ metrics: run.epochs, diagnostics: run.diagnostics, inputs: inputStats(trained.train.x, trained.train.rows, ['x1', 'x2']) });
  const finding = findings.find((f) => f.kind === c.expect && f.severity !== 'warning') ?? findings.find((f) => f.kind === c.expect);
  const loss = run.epochs.map((e) => e.loss);
  if (run.diverged) loss.push(Infinity);
  return { ...base, loss, finding: finding ? { code: finding.kind, message: finding.message, advice: finding.advice } : null };
}

/** The rows as the CSV file a person would import: x1,x2,label, 7 significant digits (a missing value written NaN). */
function csvOf(data: TensorData): Uint8Array {
  const width = data.x.length / data.rows;
  const lines = [[...Array.from({ length: width }, (_, i) => `x${i + 1}`), 'label'].join(',')];
  for (let r = 0; r < data.rows; r++) {
    const fields = Array.from({ length: width }, (_, c) => String(Number(data.x[r * width + c]!.toPrecision(7))));
    lines.push([...fields, String(data.y[r])].join(','));
  }
  const text = `${lines.join('\n')}\n`;
  const bytes = new Uint8Array(text.length); // ASCII only
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export const checklistExplanation: Explanation = {
  title: 'The debugging checklist',
  text:
    'Most runs that fail were broken before the first step. Read the data first: the dataset doctor flags features on wildly different scales ' +
    'and missing or infinite values. Then read the run: a loss stuck at chance says the inputs do not predict the labels; a loss that jumps ' +
    'about or grows says the learning rate is too high. Each case here is caught by the lab’s own checks, with the fix beside it.',
};

export function checklistWorkbench(id: ChecklistCase): WorkbenchSetup {
  return { datasetId: cases[id].datasetId, name: `Learn: checklist, ${cases[id].title.toLowerCase()}`, spec: checklistSpec, train: checklistTrain(id) };
}

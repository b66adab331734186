import { z } from 'zod';
import { ApiError } from '../../src-core/contract/api-error';
import { modelSpecSchema } from '../../src-core/contract/model-spec';
import { dataSetupSchema, taskKinds, trainConfigSchema } from '../../src-core/contract/run-config';
import { preprocessorStateSchema } from '../../src-core/data/preprocess/preprocessor-schema';
import { runStatuses, type EpochMetrics, type RunSummary } from '../../src-core/contract/training';
import type { TrainingDiagnostics } from '../../src-core/nn/index';
import type { LabStore } from './lab-store';
import type { OptimizerJson } from './resume-codec';
import { unpackTensors, type PackedTensors } from './snapshot-codec';

/**
 * A run bundle: one JSON file that carries a run to another installation — its config, seed, dataset hash,
 * every epoch, its weights (float32 little-endian, base64), the preprocessor fitted on its training rows (so the
 * weights can be used on new data) and its diagnostics — versioned so a later NN Lab
 * can still read it. See docs/RUNS.md.
 */
export const bundleFormat = 'nn-lab-run';
export const bundleVersion = 1;

const finite = z.number().or(z.null());
const epochSchema = z
  .object({ epoch: z.number().int().positive(), loss: z.number(), lr: z.number(), seconds: z.number() })
  .catchall(finite.optional());
const weightsSchema = z.strictObject({
  kind: z.enum(['final', 'best']),
  epoch: z.number().int().nonnegative(),
  spec: modelSpecSchema,
  layout: z.array(z.strictObject({ key: z.string(), shape: z.array(z.number().int().nonnegative()) })),
  data: z.base64(),
});

const resumeSchema = z.strictObject({
  epoch: z.number().int().nonnegative(),
  optimizer: z.strictObject({
    type: z.string(),
    steps: z.number().int().nonnegative(),
    epochs: z.number().int().nonnegative(),
    schedule: z.strictObject({ lr: z.number(), best: z.number().nullable(), badEpochs: z.number().int().nonnegative() }),
    layout: z.array(z.strictObject({ key: z.string(), buffer: z.string(), length: z.number().int().nonnegative() })),
  }),
  /** float32 little-endian, base64 */
  moments: z.base64(),
  generator: z.number().int().nonnegative().max(0xffffffff),
  /** int32 little-endian, base64 */
  rowOrder: z.base64(),
});

/** A stored snapshot or frame: its header (JSON, tensors as placeholders) and the tensors' bytes (base64); docs/FORMATS.md. */
const packedSchema = z.strictObject({ header: z.record(z.string(), z.unknown()), data: z.base64() });

export const runBundleSchema = z.strictObject({
  format: z.literal(bundleFormat),
  version: z.literal(bundleVersion),
  exportedAt: z.string(),
  appVersion: z.string().optional(),
  run: z.strictObject({
    id: z.string().min(1).max(64),
    name: z.string().max(200),
    status: z.enum(runStatuses),
    datasetId: z.string().min(1),
    datasetName: z.string(),
    datasetHash: z.string().optional(),
    task: z.enum(taskKinds),
    seed: z.number().int().nonnegative(),
    createdAt: z.string(),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    error: z.string().optional(),
    /** Why the run had paused itself (train.autoPause). */
    pauseReason: z.string().optional(),
    tags: z.array(z.string()).default([]),
    notes: z.string().default(''),
    spec: modelSpecSchema,
    train: trainConfigSchema,
    data: dataSetupSchema.optional(),
  }),
  metrics: z.array(epochSchema),
  weights: z.array(weightsSchema),
  diagnostics: z.array(z.unknown()).default([]),
  confusion: z.strictObject({ split: z.enum(['train', 'validation']), matrix: z.array(z.array(z.number())) }).optional(),
  /** The final model on the held-out test rows (a run with a test split), its confusion matrix for classification. */
  test: z
    .strictObject({ rows: z.number().int().positive(), loss: z.number(), accuracy: z.number().optional(), confusion: z.array(z.array(z.number().int().nonnegative())).optional() })
    .optional(),
  /** The statistics of the model's inputs over the training rows, after scaling (the diagnosis's "unscaled inputs"). */
  inputStats: z.array(z.strictObject({ name: z.string(), mean: z.number(), std: z.number().nonnegative() })).optional(),
  /** The run's `run_resume` row (docs/RUNS.md), so a run imported elsewhere continues bit-identically. */
  resume: resumeSchema.optional(),
  /** The transform fitted on the training rows (imported or CLI data); absent for bundled data. */
  preprocessor: preprocessorStateSchema.optional(),
  /** What the network computed at the planned epochs (docs/FORMATS.md, "Run snapshots"). */
  snapshotFrame: packedSchema.optional(),
  snapshots: z.array(packedSchema.extend({ epoch: z.number().int().positive() })).default([]),
});
export type RunBundle = z.infer<typeof runBundleSchema>;

/** The bundle of a stored run. */
export function exportRunBundle(store: LabStore, id: string, appVersion: string): RunBundle {
  const run = store.getRun(id);
  const preprocessor = store.getPreprocessor(id);
  const resume = store.resumeRow(id);
  const stored = store.snapshotRows(id);
  const weights = store.weightsRows(id).map((w) => ({
    kind: w.kind,
    epoch: w.epoch,
    spec: JSON.parse(w.spec) as RunBundle['weights'][number]['spec'],
    layout: JSON.parse(w.layout) as RunBundle['weights'][number]['layout'],
    data: w.data.toString('base64'),
  }));
  return {
    format: bundleFormat,
    version: bundleVersion,
    exportedAt: new Date().toISOString(),
    appVersion,
    run: {
      id: run.id,
      name: run.name,
      status: run.status,
      datasetId: run.datasetId,
      datasetName: run.datasetName,
      ...(run.datasetHash !== undefined ? { datasetHash: run.datasetHash } : {}),
      task: run.task,
      seed: run.seed,
      createdAt: run.createdAt,
      ...(run.startedAt !== undefined ? { startedAt: run.startedAt } : {}),
      ...(run.finishedAt !== undefined ? { finishedAt: run.finishedAt } : {}),
      ...(run.error !== undefined ? { error: run.error } : {}),
      ...(run.pauseReason !== undefined ? { pauseReason: run.pauseReason } : {}),
      tags: run.tags ?? [],
      notes: run.notes ?? '',
      spec: run.spec,
      train: run.train,
      ...(run.data ? { data: run.data } : {}),
    },
    metrics: run.metrics as RunBundle['metrics'],
    weights,
    diagnostics: store.getDiagnostics(id),
    ...(run.confusion ? { confusion: run.confusion } : {}),
    ...(run.test ? { test: { ...run.test, ...(run.testConfusion ? { confusion: run.testConfusion } : {}) } } : {}),
    ...(run.inputStats ? { inputStats: run.inputStats } : {}),
    ...(preprocessor ? { preprocessor } : {}),
    ...(stored.frame ? { snapshotFrame: bundledPacked(stored.frame) } : {}),
    snapshots: stored.snapshots.map((row) => ({ epoch: row.epoch, ...bundledPacked(row) })),
    ...(resume
      ? {
          resume: {
            epoch: resume.epoch,
            optimizer: JSON.parse(resume.optimizer) as OptimizerJson,
            moments: resume.moments.toString('base64'),
            generator: resume.generator,
            rowOrder: resume.row_order.toString('base64'),
          },
        }
      : {}),
  };
}

/** Reads a bundle's text; a problem names the field (and `shownAs`, the file, when there is one). */
export function parseRunBundle(text: string, shownAs?: string): RunBundle {
  const where = shownAs ? { file: shownAs } : {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ApiError({ code: 'bad_input', ...where, message: `The run bundle is not valid JSON: ${(error as Error).message}` });
  }
  const format = (raw as { format?: unknown; version?: unknown } | null) ?? {};
  if (format.format !== bundleFormat) {
    throw new ApiError({ code: 'bad_input', ...where, field: 'format', message: `This is not an NN Lab run bundle (format should be "${bundleFormat}").` });
  }
  if (typeof format.version === 'number' && format.version > bundleVersion) {
    throw new ApiError({
      code: 'bad_input',
      ...where,
      field: 'version',
      message: `The run bundle is version ${format.version}, written by a newer NN Lab; this one reads version ${bundleVersion}.`,
    });
  }
  const parsed = runBundleSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.');
    throw new ApiError({ code: 'bad_input', ...where, ...(field ? { field } : {}), message: `Run bundle: ${field ? `${field}: ` : ''}${issue.message}` });
  }
  return parsed.data;
}

/**
 * Stores a bundle's run under its own id (so comparisons across installations name the same run), in one
 * transaction. A live status from the exporting machine becomes `interrupted`: nothing trains it here.
 */
export function importRunBundle(store: LabStore, bundle: RunBundle): RunSummary {
  const { run } = bundle;
  if (store.findRun(run.id)) {
    throw new ApiError({ code: 'conflict', field: 'run.id', message: `Run "${run.name}" (${run.id}) is already in this database.` });
  }
  for (const w of bundle.weights) {
    const values = w.layout.reduce((sum, t) => sum + t.shape.reduce((a, b) => a * b, 1), 0);
    if (Buffer.from(w.data, 'base64').length !== values * 4) {
      throw new ApiError({ code: 'bad_input', field: `weights.${w.kind}`, message: `Run bundle: the ${w.kind} weights hold the wrong number of bytes for their layout.` });
    }
  }
  if (bundle.resume) {
    const { optimizer, moments } = bundle.resume;
    const values = optimizer.layout.reduce((sum, t) => sum + t.length, 0);
    if (Buffer.from(moments, 'base64').length !== values * 4) {
      throw new ApiError({ code: 'bad_input', field: 'resume.moments', message: 'Run bundle: the optimizer moments hold the wrong number of bytes for their layout.' });
    }
  }
  const snapshotFrame = bundle.snapshotFrame && storedPacked(bundle.snapshotFrame, 'snapshotFrame');
  const snapshots = bundle.snapshots.map((row, i) => ({ epoch: row.epoch, ...storedPacked(row, `snapshots.${i}`) }));
  const status = ['queued', 'running', 'paused'].includes(run.status) ? 'interrupted' : run.status;
  try {
    return store.importRun({
      ...run,
      status,
      ...(bundle.appVersion !== undefined ? { appVersion: bundle.appVersion } : {}),
      ...(bundle.preprocessor ? { preprocessor: bundle.preprocessor } : {}),
      metrics: bundle.metrics.map((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== null)) as unknown as EpochMetrics),
      weights: bundle.weights.map((w) => ({ ...w, spec: JSON.stringify(w.spec), layout: JSON.stringify(w.layout), data: Buffer.from(w.data, 'base64') })),
      diagnostics: (bundle.diagnostics as TrainingDiagnostics[]).filter((d) => typeof d === 'object' && d !== null && Number.isInteger(d.epoch)),
      ...(bundle.resume
        ? {
            resume: {
              epoch: bundle.resume.epoch,
              optimizer: JSON.stringify(bundle.resume.optimizer),
              moments: Buffer.from(bundle.resume.moments, 'base64'),
              generator: bundle.resume.generator,
              row_order: Buffer.from(bundle.resume.rowOrder, 'base64'),
            },
          }
        : {}),
      ...(bundle.confusion ? { confusion: bundle.confusion } : {}),
      ...(bundle.test ? { test: bundle.test } : {}),
      ...(bundle.inputStats ? { inputStats: bundle.inputStats } : {}),
      ...(snapshotFrame ? { snapshotFrame } : {}),
      snapshots,
    });
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError({ code: 'bad_input', message: `The run bundle could not be stored: ${(error as Error).message}` });
  }
}

function bundledPacked(row: PackedTensors): { header: Record<string, unknown>; data: string } {
  return { header: JSON.parse(row.header) as Record<string, unknown>, data: row.data.toString('base64') };
}

/** A bundle's snapshot as stored, checked to read back (its bytes fill every tensor its header names). */
function storedPacked(row: { header: Record<string, unknown>; data: string }, field: string): PackedTensors {
  const packed = { header: JSON.stringify(row.header), data: Buffer.from(row.data, 'base64') };
  try {
    unpackTensors(packed);
  } catch (error) {
    throw new ApiError({ code: 'bad_input', field, message: `Run bundle: ${field} cannot be read: ${(error as Error).message}` });
  }
  return packed;
}

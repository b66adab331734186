import { z } from 'zod';
import type {
  ComparisonRow,
  ConfigDifference,
  ConfirmReport,
  GroupComparison,
  MetricName,
  RunMetricSummary,
  PackedBands,
  PackedCurve,
  Verdict,
  Verification,
  WhatChanged,
} from '../compare/index';
import { importIdSchema } from './datasets-api';
import { modelSpecSchema } from './model-spec';
import { dataSetupSchema, trainConfigSchema } from './run-config';
import type { TrainingDiagnostics } from '../nn/diagnostics';
import type { RunSnapshot, SnapshotFrame } from './snapshots';
import { metricNames, runStatuses, type EpochMetrics, type RunDetail, type RunStatus, type RunSummary } from './training';
import type { Tensor } from './tensor';

/** Runs: start and stop, life cycle, lineage, tags and notes, search, compare, export and import; progress events. */

const id = z.string().min(1).max(64);
const runId = z.strictObject({ id });
export const tagSchema = z.string().trim().min(1).max(50);
const metricName = z.enum(metricNames);
const isoDate = z.iso.datetime({ offset: true });

/** Filters of `runs.search`; every given filter must hold. Done in SQL, newest first. */
export const runSearchSchema = z.strictObject({
  /** Part of the name, any case. */
  text: z.string().max(200).optional(),
  /** Runs carrying every one of these tags. */
  tags: z.array(tagSchema).max(20).optional(),
  status: z.array(z.enum(runStatuses)).min(1).optional(),
  datasetId: z.string().min(1).max(200).optional(),
  sweepId: id.optional(),
  /** Created at or after / before this instant (ISO 8601). */
  createdFrom: isoDate.optional(),
  createdTo: isoDate.optional(),
  limit: z.number().int().positive().max(10_000).optional(),
  offset: z.number().int().nonnegative().optional(),
});
export type RunSearch = z.infer<typeof runSearchSchema>;

/** What `runs.start` takes (and `sweeps.start`, with its sweep). */
export const runStartSchema = z.strictObject({
  datasetId: z.string().min(1).max(64),
  name: z.string().max(200).optional(),
  spec: modelSpecSchema,
  train: trainConfigSchema,
  /** The split and per-column preprocessing of a tabular dataset; absent: the app's fixed split and standard scaling. */
  data: dataSetupSchema.optional(),
});

/** What `runs.duplicate` returns to edit: a `runs.start` with its name filled in. */
export type RunDraft = z.infer<typeof runStartSchema> & { name: string };

/** Formats that carry the trained network elsewhere (docs/FORMATS.md): ONNX, PyTorch and Keras scripts, safetensors. */
export const modelExportFormats = ['onnx', 'pytorch', 'keras', 'safetensors'] as const;
export type ModelExportFormat = (typeof modelExportFormats)[number];
export const exportFormats = ['bundle', 'csv', 'json', ...modelExportFormats] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const runsRequestSchemas = {
  'runs.start': runStartSchema,
  'runs.list': z.void(),
  'runs.get': runId,
  /** A run's epochs from epoch `from` on, at most `limit` (default 1000); the answer's `next` starts the next page. */
  'runs.metrics': z.strictObject({ id, from: z.number().int().positive(), limit: z.number().int().positive().max(10_000).optional() }),
  /** A run's diagnostics snapshots from epoch `from` on, at most `limit` (default 20); `next` as for metrics. */
  'runs.diagnostics': z.strictObject({ id, from: z.number().int().positive(), limit: z.number().int().positive().max(1000).optional() }),
  /**
   * A run's snapshots of what its network computes (boundary grid or curve, predictions, hidden projection) from
   * epoch `from` on, at most `limit` (default 50); `next` as for metrics. `frame: true` adds the run's frame.
   */
  'runs.snapshots': z.strictObject({ id, from: z.number().int().positive(), limit: z.number().int().positive().max(1000).optional(), frame: z.boolean().optional() }),
  /**
   * What the run's weights show (while it trains, those it has now; afterwards the stored ones, the best epoch's under
   * early stopping, else the last): each dense layer's
   * weight matrix, each conv layer's filters, and for image data the feature maps of every conv and pool layer for
   * row `row` (default 0) of its validation rows (else its training rows).
   */
  'runs.layer-images': z.strictObject({ id, row: z.number().int().nonnegative().optional() }),
  'runs.stop': runId,
  'runs.pause': runId,
  'runs.resume': runId,
  'runs.rerun': runId,
  'runs.duplicate': runId,
  'runs.continue': z.strictObject({ id, epochs: z.number().int().positive().max(100_000) }),
  /**
   * Fork: from the run's state at epoch `fromEpoch` (default: its last), its child trains on to the run's total
   * epochs with `changes` (dot path → value, as a sweep's parameters: `train.optimizer.lr`); so from the fork
   * epoch on the two differ only by the change. The child's epochs are numbered on from `fromEpoch` (the
   * earlier ones are the parent's). A state before the last is re-created by re-training the parent's config.
   */
  'runs.fork': z.strictObject({
    id,
    fromEpoch: z.number().int().positive().max(100_000).optional(),
    changes: z
      .record(z.string().regex(/^(spec|train)(\.[\w]+)+$/, 'a dot path into spec or train, such as train.optimizer.lr'), z.union([z.number().finite(), z.string().max(100), z.boolean()]))
      .refine((c) => Object.keys(c).length > 0 && Object.keys(c).length <= 20, { message: 'give 1 to 20 changes' }),
  }),
  'runs.delete': runId,
  'runs.tag': z.strictObject({ id, tags: z.array(tagSchema).max(50) }),
  'runs.annotate': z.strictObject({ id, notes: z.string().max(20_000) }),
  'runs.search': runSearchSchema,
  'runs.compare': z.strictObject({
    ids: z.array(id).min(1).max(1000),
    /** The metric of summaries and significance; default valLoss when every run has it, else loss. */
    metric: metricName.optional(),
    /** Two groups of run ids (among `ids`) to test against each other. */
    significance: z
      .strictObject({
        a: z.array(id).min(1),
        b: z.array(id).min(1),
        at: z.enum(['final', 'best']).optional(),
        /** The verdict's negligible difference, in display units (points for accuracies). */
        margin: z.number().nonnegative().finite().optional(),
      })
      .optional(),
    /** A target value of the metric (its own units: 0.9, not 90 points) for the table's time-to-target columns. */
    target: z.number().finite().optional(),
  }),
  'runs.export': z.strictObject({ id, format: z.enum(exportFormats) }),
  /**
   * A run bundle's text (`{"format": "nn-lab-run", "version": 1, ...}`), or the upload it was sent as in pieces
   * (`datasets.upload-chunk`; the browser host's frames hold at most 1 MiB). The upload is then removed.
   */
  'runs.import': z.union([
    z.strictObject({ bundle: z.string().min(2).max(512 * 1024 * 1024) }),
    z.strictObject({ uploadId: importIdSchema }),
  ]),
} as const;

/**
 * A file's worth of export, for the renderer to save: text (CSV, JSON, a script), or the bytes of a binary file
 * (ONNX, safetensors) as a uint8 tensor, which crosses IPC by structured clone and the WebSocket as binary frames.
 */
export type RunExport =
  | { fileName: string; mimeType: 'application/json' | 'text/csv' | 'text/x-python'; text: string }
  | { fileName: string; mimeType: 'application/octet-stream'; bytes: Tensor<'uint8'> };

/** Everything the comparison view shows, computed by src-core/compare over the stored runs. */
export interface RunComparison {
  runs: { id: string; name: string; seed: number; status: RunStatus; datasetName: string }[];
  metric: MetricName;
  /**
   * Each metric some run recorded, the learning rate and `elapsed` (seconds of training so far), on one epoch axis;
   * packed as typed arrays (`unpackCurve` gives the `AlignedMetric`). A long run's are thinned for drawing (about
   * 2,000 epochs, each stretch's lowest and highest kept); `elapsed` is kept at every epoch another curve kept.
   */
  curves: PackedCurve[];
  /**
   * Runs that differ only by seed, with mean/std/min/max bands (and n per epoch) of each curve, packed (`unpackBands`);
   * none for a group of one run. Curves and bands are thinned for drawing (about 2,000 epochs each, every stretch's
   * extremes kept); the table, summaries and verdict are computed from every epoch.
   */
  groups: { key: string; runIds: string[]; seeds: number[]; bands: PackedBands[]; /** What sets it apart, e.g. `lr=0.05`. */ label: string }[];
  /** Config fields whose values differ between the runs. */
  configDiff: ConfigDifference[];
  summaries: RunMetricSummary[];
  /** Final and best values with epochs, training time, time to `target` when given; one row per run. */
  table: ComparisonRow[];
  significance?: GroupComparison;
  /** Between `significance.a` and `.b`, or else between the two seed groups when there are exactly two. */
  verdict?: Verdict;
  /** The settings, curve difference and verdict of the same two groups, with a summary. */
  whatChanged?: WhatChanged;
  /** Each pair of runs with the same config and the same seed (a run and its re-run): bit-identical or not. */
  verifications?: ({ a: string; b: string } & Verification)[];
  /** When the runs are a "Confirm the winner" group: the re-run points against their sweep scores. */
  confirm?: ConfirmReport;
}

/** One layer's images, values in [0, 1] (filters: (out, in, kh, kw); feature maps: (channels, h, w)). */
export interface LayerImageSet {
  layer: number;
  type: string;
  images: Tensor<'float32'>;
}

/** `runs.layer-images`: what a trained network's weights look like, and what it sees in one image. */
export interface RunLayerImages {
  /** Which weights, and of which epoch: 'live' while the run trains (sent by its worker), else the stored ones. */
  weights: { kind: 'live' | 'final' | 'best'; epoch: number };
  /** Each dense layer's weights (out, in), with their largest magnitude (the colour scale spans ±maxAbs). */
  heatmaps: { layer: number; weights: Tensor<'float32'>; maxAbs: number }[];
  filters: LayerImageSet[];
  /** Image data only: the picked row, scaled to [0, 1] (channels, h, w), its class, and how many rows there are. */
  input?: { row: number; rows: number; split: 'train' | 'validation'; image: Tensor<'float32'>; label?: string };
  featureMaps: LayerImageSet[];
}

export interface RunsRequestResults {
  /** The run as stored, `queued`: any number may be started; each runs when a pool thread is free. */
  'runs.start': RunSummary;
  'runs.list': RunSummary[];
  'runs.get': RunDetail;
  'runs.metrics': { metrics: EpochMetrics[]; next?: number };
  'runs.diagnostics': { diagnostics: TrainingDiagnostics[]; next?: number };
  'runs.snapshots': { frame?: SnapshotFrame; snapshots: RunSnapshot[]; next?: number };
  'runs.layer-images': RunLayerImages;
  /** A running run stops after the epoch in hand; a queued one at once, without running (`stopped`, 0 epochs). */
  'runs.stop': RunSummary;
  'runs.pause': RunSummary;
  'runs.resume': RunSummary;
  'runs.rerun': RunSummary;
  'runs.duplicate': RunDraft;
  'runs.continue': RunSummary;
  'runs.fork': RunSummary;
  'runs.delete': { id: string; deleted: true };
  'runs.tag': RunSummary;
  'runs.annotate': RunSummary;
  'runs.search': RunSummary[];
  'runs.compare': RunComparison;
  'runs.export': RunExport;
  'runs.import': RunSummary;
}

export interface RunsEventPayloads {
  /**
   * Epochs finished and are stored. Coalesced to about 10 events a second per run: `metrics` is the newest,
   * `earlier` (when present) the stored epochs since the previous event, oldest first. The last epoch of a run
   * is always sent before its final `run.status`.
   */
  'run.progress': { runId: string; metrics: EpochMetrics; earlier?: EpochMetrics[] };
  /**
   * A run changed status: `queued` as `runs.start` stores it, `running` when a pool thread takes it (at most one run
   * per thread; the rest wait in order), then paused, resumed, and how it ended (completed, stopped, failed...).
   */
  'run.status': RunSummary;
  /** A diagnostics snapshot of a training run is stored (every few epochs and after the last). */
  'run.diagnostics': { runId: string; diagnostics: TrainingDiagnostics };
  /** A training run stored its snapshot frame (once, first) or a snapshot (at the planned epochs and the last). */
  'run.snapshot': { runId: string; frame: SnapshotFrame } | { runId: string; snapshot: RunSnapshot };
}

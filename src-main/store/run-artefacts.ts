import type Database from 'better-sqlite3';
import type { ModelSpec } from '../../src-core/contract/model-spec';
import type { EpochMetrics, TrainedModel } from '../../src-core/contract/training';
import type { TrainingDiagnostics } from '../../src-core/nn/index';
import type { RunSnapshot, SnapshotFrame } from '../../src-core/contract/snapshots';
import { unpackTensors, type PackedTensors } from './snapshot-codec';
import { decodeResume, encodeResume, type ResumeRow, type ResumeState } from './resume-codec';
import { extraMetricsJson, toEpochMetrics, type MetricsRow } from './run-rows';
import type { StoreWrite } from './store-errors';
import { decodeWeights, encodeWeights, type TensorLayout } from './weights-codec';

export type WeightsKind = 'final' | 'best';

/** A `run_weights` row as stored: the spec and layout as JSON, the values as float32 little-endian. */
export interface WeightsRow {
  kind: WeightsKind;
  epoch: number;
  spec: string;
  layout: string;
  data: Buffer;
}

export interface ConfusionMatrix {
  split: 'train' | 'validation';
  matrix: number[][];
}

/**
 * What a run leaves besides its row: epochs (`epoch_metrics`), diagnostics snapshots, weights, the resume state
 * and the confusion matrix. Writes run inside the caller's transaction (LabStore's `write` or `batch`).
 */
/** An epoch_metrics row as the page query reads it raw: its columns in order. */
type MetricsTuple = [MetricsRow['epoch'], MetricsRow['loss'], MetricsRow['accuracy'], MetricsRow['val_loss'], MetricsRow['val_accuracy'], MetricsRow['lr'], MetricsRow['seconds'], MetricsRow['extra']];

export class RunArtefacts {
  private metricsPage: Database.Statement | undefined;
  constructor(
    private readonly db: Database.Database,
    private readonly write: StoreWrite,
  ) {}

  insertEpochs(id: string, epochs: readonly EpochMetrics[]): void {
    const insert = this.db.prepare(
      `INSERT INTO epoch_metrics (run_id, epoch, loss, accuracy, val_loss, val_accuracy, lr, seconds, extra)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const m of epochs) {
      insert.run(id, m.epoch, m.loss, m.accuracy ?? null, m.valLoss ?? null, m.valAccuracy ?? null, m.lr, m.seconds, extraMetricsJson(m));
    }
  }

  /** Up to `limit` epochs from epoch `from` on; `next` is where the next page starts, if any. */
  pageMetrics(id: string, from: number, limit: number): { metrics: EpochMetrics[]; next?: number } {
    // Prepared once and read as arrays (no object per row with column names): a comparison reads 20,000 epochs.
    this.metricsPage ??= this.db
      .prepare(
        `SELECT epoch, loss, accuracy, val_loss, val_accuracy, lr, seconds, extra
         FROM epoch_metrics WHERE run_id = ? AND epoch >= ? ORDER BY epoch LIMIT ?`,
      )
      .raw(true);
    const rows = this.metricsPage.all(id, from, limit + 1) as MetricsTuple[];
    const more = rows.length > limit ? rows.pop() : undefined;
    const metrics = rows.map(([epoch, loss, accuracy, val_loss, val_accuracy, lr, seconds, extra]) => toEpochMetrics({ epoch, loss, accuracy, val_loss, val_accuracy, lr, seconds, extra }));
    return more ? { metrics, next: more[0] } : { metrics };
  }

  saveDiagnostics(id: string, diagnostics: TrainingDiagnostics): void {
    this.write(`diagnostics of epoch ${diagnostics.epoch}`, () => this.writeDiagnostics(id, diagnostics));
  }

  writeDiagnostics(id: string, diagnostics: TrainingDiagnostics): void {
    this.db.prepare(`INSERT OR REPLACE INTO run_diagnostics (run_id, epoch, data) VALUES (?, ?, ?)`).run(id, diagnostics.epoch, JSON.stringify(diagnostics));
  }

  getDiagnostics(id: string): TrainingDiagnostics[] {
    const rows = this.db.prepare(`SELECT data FROM run_diagnostics WHERE run_id = ? ORDER BY epoch`).all(id) as { data: string }[];
    return rows.map((row) => JSON.parse(row.data) as TrainingDiagnostics);
  }

  /** Up to `limit` diagnostics snapshots from epoch `from` on; `next` is where the next page starts, if any. */
  pageDiagnostics(id: string, from: number, limit: number): { diagnostics: TrainingDiagnostics[]; next?: number } {
    const rows = this.db
      .prepare(`SELECT epoch, data FROM run_diagnostics WHERE run_id = ? AND epoch >= ? ORDER BY epoch LIMIT ?`)
      .all(id, from, limit + 1) as { epoch: number; data: string }[];
    const more = rows.length > limit ? rows.pop() : undefined;
    const diagnostics = rows.map((row) => JSON.parse(row.data) as TrainingDiagnostics);
    return more ? { diagnostics, next: more.epoch } : { diagnostics };
  }

  saveWeights(id: string, kind: WeightsKind, epoch: number, model: TrainedModel): void {
    const { layout, data } = encodeWeights(model.state);
    this.writeWeightsRow(id, { kind, epoch, spec: JSON.stringify(model.spec), layout: JSON.stringify(layout), data });
  }

  writeWeightsRow(id: string, row: WeightsRow): void {
    this.db
      .prepare(
        `INSERT INTO run_weights (run_id, kind, epoch, spec, layout, data) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (run_id, kind) DO UPDATE SET epoch = excluded.epoch, spec = excluded.spec,
           layout = excluded.layout, data = excluded.data`,
      )
      .run(id, row.kind, row.epoch, row.spec, row.layout, row.data);
  }

  /** The run's stored weights as rows (final first), for a bundle. */
  weightsRows(id: string): WeightsRow[] {
    return this.db.prepare(`SELECT kind, epoch, spec, layout, data FROM run_weights WHERE run_id = ? ORDER BY kind DESC`).all(id) as WeightsRow[];
  }

  /** Which weights are stored, final first. */
  weightsKinds(id: string): { kind: WeightsKind; epoch: number }[] {
    return this.db.prepare(`SELECT kind, epoch FROM run_weights WHERE run_id = ? ORDER BY kind DESC`).all(id) as { kind: WeightsKind; epoch: number }[];
  }

  getWeights(id: string, kind: WeightsKind = 'final'): (TrainedModel & { epoch: number }) | undefined {
    const row = this.weightsRows(id).find((w) => w.kind === kind);
    if (!row) return undefined;
    const layout = JSON.parse(row.layout) as TensorLayout[];
    return { epoch: row.epoch, spec: JSON.parse(row.spec) as ModelSpec, state: decodeWeights(layout, row.data) };
  }

  /** Replaces the run's resume state (see `RunEnding.resume`). */
  saveResume(id: string, resume: ResumeState): void {
    this.writeResumeRow(id, { epoch: resume.optimizer.epochs, ...encodeResume(resume) });
  }

  writeResumeRow(id: string, row: ResumeRow): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO run_resume (run_id, epoch, optimizer, moments, generator, row_order)
         VALUES (@id, @epoch, @optimizer, @moments, @generator, @row_order)`,
      )
      .run({ id, ...row });
  }

  /** The run's resume row as stored, for a bundle; undefined for runs that left none. */
  resumeRow(id: string): ResumeRow | undefined {
    return this.db.prepare(`SELECT epoch, optimizer, moments, generator, row_order FROM run_resume WHERE run_id = ?`).get(id) as ResumeRow | undefined;
  }

  /** The optimizer and generator state a run ended with; undefined for runs that left none (failed, diverged, older). */
  getResume(id: string): ResumeState | undefined {
    const row = this.resumeRow(id);
    return row && decodeResume(row);
  }

  writeConfusion(id: string, confusion: ConfusionMatrix): void {
    this.db
      .prepare(`INSERT OR REPLACE INTO run_confusion (run_id, split, classes, matrix) VALUES (?, ?, ?, ?)`)
      .run(id, confusion.split, confusion.matrix.length, JSON.stringify(confusion.matrix));
  }

  getConfusion(id: string): ConfusionMatrix | undefined {
    const row = this.db.prepare(`SELECT split, matrix FROM run_confusion WHERE run_id = ?`).get(id) as { split: ConfusionMatrix['split']; matrix: string } | undefined;
    return row && { split: row.split, matrix: JSON.parse(row.matrix) as number[][] };
  }

  /** Stores the run's snapshot frame (replacing one stored before: a continued run's frame is its own). */
  writeSnapshotFrame(id: string, packed: PackedTensors): void {
    this.db.prepare(`INSERT OR REPLACE INTO run_snapshot_frames (run_id, header, data) VALUES (?, ?, ?)`).run(id, packed.header, packed.data);
  }

  writeSnapshot(id: string, epoch: number, packed: PackedTensors): void {
    this.db.prepare(`INSERT OR REPLACE INTO run_snapshots (run_id, epoch, header, data) VALUES (?, ?, ?, ?)`).run(id, epoch, packed.header, packed.data);
  }

  snapshotFrameRow(id: string): PackedTensors | undefined {
    return this.db.prepare(`SELECT header, data FROM run_snapshot_frames WHERE run_id = ?`).get(id) as PackedTensors | undefined;
  }

  /** Up to `limit` snapshot rows from epoch `from` on (as stored), and where the next page starts. */
  snapshotRows(id: string, from: number, limit: number): { rows: (PackedTensors & { epoch: number })[]; next?: number } {
    const rows = this.db
      .prepare(`SELECT epoch, header, data FROM run_snapshots WHERE run_id = ? AND epoch >= ? ORDER BY epoch LIMIT ?`)
      .all(id, from, limit + 1) as (PackedTensors & { epoch: number })[];
    const more = rows.length > limit ? rows.pop() : undefined;
    return more ? { rows, next: more.epoch } : { rows };
  }

  getSnapshotFrame(id: string): SnapshotFrame | undefined {
    const row = this.snapshotFrameRow(id);
    return row && unpackTensors<SnapshotFrame>(row);
  }

  pageSnapshots(id: string, from: number, limit: number): { snapshots: RunSnapshot[]; next?: number } {
    const { rows, next } = this.snapshotRows(id, from, limit);
    const snapshots = rows.map((row) => unpackTensors<RunSnapshot>(row));
    return next !== undefined ? { snapshots, next } : { snapshots };
  }

  /** Bytes of the run's stored frame and snapshots (their tensors and headers). */
  snapshotBytes(id: string): number {
    const row = this.db
      .prepare(
        `SELECT (SELECT COALESCE(SUM(LENGTH(header) + LENGTH(data)), 0) FROM run_snapshot_frames WHERE run_id = ?) +
                (SELECT COALESCE(SUM(LENGTH(header) + LENGTH(data)), 0) FROM run_snapshots WHERE run_id = ?) AS bytes`,
      )
      .get(id, id) as { bytes: number };
    return row.bytes;
  }
}


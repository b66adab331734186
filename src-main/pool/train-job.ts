import type { MessagePort } from 'node:worker_threads';
import type { ModelSpec, ModelState } from '../../src-core/contract/model-spec';
import type { TrainConfig } from '../../src-core/contract/run-config';
import type { EpochMetrics } from '../../src-core/contract/training';

/**
 * What the main thread and a training worker say to each other. Types only: both sides import this.
 */

/**
 * Where the worker gets its rows. A bundled dataset is rebuilt from its id (cheaper than copying it);
 * imported data will come as arrays over SharedArrayBuffers, shared by every run on that dataset.
 */
export type TrainDataSource = { kind: 'bundled'; id: string };

/** One training task (structured-cloned; `port` is transferred). */
export interface TrainJob {
  runId: string;
  spec: ModelSpec;
  train: TrainConfig;
  seed: number;
  data: TrainDataSource;
  /** Worker → main: `WorkerMessage`s. Main → worker: `ControlMessage`s. */
  port: MessagePort;
}

export type WorkerMessage = { type: 'started' } | { type: 'epoch'; metrics: EpochMetrics };

/** A graceful stop: the worker finishes the epoch in hand and returns the weights it has. */
export type ControlMessage = { type: 'stop' };

/**
 * How the task ended. Training errors come back as `failed` outcomes rather than thrown, so the
 * epochs reported before them are still counted and stored.
 */
export interface TrainOutcome {
  status: 'completed' | 'stopped' | 'diverged' | 'failed';
  /** How many `epoch` messages the worker posted, so main can wait for every one before finishing. */
  epochsPosted: number;
  /** The weights at the end (after divergence: the last finite ones); absent when training failed. */
  state?: ModelState;
  /** Why training diverged or failed, for the user. */
  error?: string;
}

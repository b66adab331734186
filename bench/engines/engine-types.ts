import type { BenchData } from '../datasets/load';
import type { Workload } from '../workloads';

/** The data one (engine, workload) child trains on and evaluates with. */
export interface EngineInput {
  workload: Workload;
  train: BenchData;
  /** Held-out images for the Fashion-MNIST workloads; absent for two moons (accuracy is then on train). */
  test?: BenchData;
  epochs: number;
  seed: number;
}

export interface EngineOutcome {
  /** Wall seconds of the training loop alone. */
  seconds: number;
  /** CPU seconds (user + system) of the same stretch. */
  cpuSeconds: number;
  finalLoss: number;
  accuracy: number;
  note?: string;
}

export type EngineRunner = (input: EngineInput) => Promise<EngineOutcome>;

/** Thrown when an engine cannot train a workload as specified (the table then says "cannot" with the reason). */
export class CannotError extends Error {}

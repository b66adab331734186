import type { RunSnapshot, SnapshotFrame } from '../../../../src-core/contract/snapshots';

/** What the Inside tab asks its boundary worker, and what it answers (boundary.worker.ts). */
export interface PickedRequest {
  token: number;
  frame: SnapshotFrame;
  snapshot: RunSnapshot;
  features: [number, number];
}

export type PickedReply = { token: number; epoch: number; features: [number, number] } & (
  | { boundary: NonNullable<RunSnapshot['boundary']>; bounds: { min: number[]; max: number[] }; labels: string[] }
  | { error: string }
);

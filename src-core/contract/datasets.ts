import type { TaskKind } from './run-config';

/** A dataset the user can pick without importing a file. */
export interface DatasetInfo {
  id: string;
  name: string;
  description: string;
  task: TaskKind;
  rows: number;
  features: number;
  inputShape: number[];
  classes?: string[];
}

/** A small sample of a 2-D dataset, for a scatter preview. */
export interface DatasetPreview {
  id: string;
  points: Array<[number, number]>;
  labels: number[];
}

import type { DatasetInfo } from '../../../src-core/contract/datasets';

/**
 * What the preview card can draw for a dataset: two features as a scatter coloured by class ('points'), one feature
 * against a regression target as a curve of (x, y) ('curve'), or nothing ('none': more features, or images).
 */
export function previewKind(dataset: Pick<DatasetInfo, 'features' | 'inputShape' | 'task'>): 'points' | 'curve' | 'none' {
  if (dataset.inputShape.length !== 1) return 'none';
  if (dataset.features === 2) return 'points';
  if (dataset.features === 1 && dataset.task === 'regression') return 'curve';
  return 'none';
}

import { describe, expect, it } from 'vitest';
import { previewKind } from '../../../../src-renderer/lib/datasets/preview-kind';

describe('previewKind', () => {
  it('plots two features by class, one feature against a regression target as a curve, nothing else', () => {
    expect(previewKind({ features: 2, inputShape: [2], task: 'classification' })).toBe('points');
    expect(previewKind({ features: 1, inputShape: [1], task: 'regression' })).toBe('curve');
    expect(previewKind({ features: 1, inputShape: [1], task: 'classification' })).toBe('none');
    expect(previewKind({ features: 4, inputShape: [4], task: 'classification' })).toBe('none');
    expect(previewKind({ features: 64, inputShape: [1, 8, 8], task: 'classification' })).toBe('none');
  });
});

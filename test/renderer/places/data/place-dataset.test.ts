import { describe, expect, it } from 'vitest';
import type { DatasetInfo } from '../../../../src-core/contract/datasets';
import { baseIdOf, placeDataset } from '../../../../src-renderer/places/data/datasets.svelte';

const bundled = (id: string): DatasetInfo => ({ id, name: id, description: '', task: 'classification', rows: 10, features: 2, inputShape: [2] });
const imported = (id: string, baseId = id): DatasetInfo => ({
  ...bundled(id),
  source: { kind: 'imported', fileName: `${baseId}.csv`, fileSize: 1, encoding: 'utf-8', delimiter: ',', hash: 'h', importedAt: '2026-01-01T00:00:00Z', baseId },
});

describe('placeDataset', () => {
  it('puts a new import first among the imported ones, after the bundled', () => {
    const list = [bundled('moons'), bundled('xor'), imported('sha256-a')];
    expect(placeDataset(list, imported('sha256-b')).map((d) => d.id)).toEqual(['moons', 'xor', 'sha256-b', 'sha256-a']);
    expect(placeDataset([bundled('moons')], imported('sha256-b')).map((d) => d.id)).toEqual(['moons', 'sha256-b']);
  });

  it('replaces its base with a derived config in place, and a config with the base again', () => {
    const list = [bundled('moons'), imported('sha256-a'), imported('sha256-c')];
    const config = imported('sha256-a.cfg-1', 'sha256-a');
    expect(baseIdOf(config)).toBe('sha256-a');
    const withConfig = placeDataset(list, config);
    expect(withConfig.map((d) => d.id)).toEqual(['moons', 'sha256-a.cfg-1', 'sha256-c']);
    expect(placeDataset(withConfig, imported('sha256-a')).map((d) => d.id)).toEqual(['moons', 'sha256-a', 'sha256-c']);
  });
});

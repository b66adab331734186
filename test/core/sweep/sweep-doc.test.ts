import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandSweep, sweepFileSchema } from '../../../src-core/sweep/index';

/** The sweep example in docs/FORMATS.md is real: it parses and expands as the text says. */
const doc = readFileSync(resolve(__dirname, '../../../docs/FORMATS.md'), 'utf8');
const example = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes('"strategy": "grid"'))!;

describe('docs/FORMATS.md sweep example', () => {
  it('parses and expands to 3 learning rates × 2 widths × 3 seeds = 18 runs', () => {
    const file = sweepFileSchema.parse(JSON.parse(example));
    const base = {
      data: { path: 'x.csv', target: 'y' },
      model: { input: [2], layers: [{ type: 'dense', units: 8 }, { type: 'relu' }, { type: 'dense', units: 2 }] },
      train: { loss: 'cross_entropy', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32, epochs: 5 },
    };
    const runs = expandSweep(file.sweep, base);
    expect(runs).toHaveLength(18);
    expect(runs[0]!.label).toBe('lr=0.001 units=16 seed=0');
    expect(file.name).toBe('learning rate and width');
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../../src-core/contract/api-error';
import { exportRunBundle, importRunBundle, parseRunBundle } from '../../../src-main/store/run-bundle';
import { useTempStore } from '../../support/temp-store';

const doc = readFileSync(resolve(__dirname, '../../../docs/FORMATS.md'), 'utf8');
const example = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes('"format": "nn-lab-run"'))!;

const temp = useTempStore('nn-lab-bundle-');

describe('run bundles', () => {
  it('the docs/FORMATS.md example imports, and exports back to the same run', () => {
    const run = importRunBundle(temp.store, parseRunBundle(example, 'FORMATS.md'));
    expect(run).toMatchObject({ name: 'moons', status: 'completed', epochsDone: 1, tags: ['baseline'] });
    expect(temp.store.getWeights(run.id)!.state['0.weight']!.data).toEqual(Array.from(Float32Array.from([0.1, -0.2, 0.3, -0.1])));
    const back = exportRunBundle(temp.store, run.id, '0.1.0');
    const original = JSON.parse(example) as { run: unknown; metrics: unknown; weights: unknown; confusion: unknown };
    expect(back.run).toEqual(original.run);
    expect(back.metrics).toEqual(original.metrics);
    expect(back.weights).toEqual(original.weights);
    expect(back.confusion).toEqual(original.confusion);
  });

  it('refuses a bundle that is not JSON, of another format, of a newer version, or with weights that do not fit their layout', () => {
    const refuse = (text: string) => {
      try {
        importRunBundle(temp.store, parseRunBundle(text, 'b.json'));
      } catch (error) {
        return (error as ApiError).toData();
      }
      throw new Error('accepted');
    };
    expect(refuse('{')).toMatchObject({ code: 'bad_input', file: 'b.json', message: expect.stringContaining('not valid JSON') as unknown });
    expect(refuse('{"format": "nn-lab-model"}')).toMatchObject({ field: 'format' });
    expect(refuse(example.replace('"version": 1', '"version": 2'))).toMatchObject({ field: 'version', message: expect.stringContaining('newer') as unknown });
    expect(refuse(example.replace('"shape": [2]', '"shape": [3]'))).toMatchObject({ field: 'weights.final' });
    expect(refuse(example.replace('"seed": 7,', '"seed": "seven",'))).toMatchObject({ field: 'run.seed' });
    expect(temp.store.listRuns()).toEqual([]);
  });
});

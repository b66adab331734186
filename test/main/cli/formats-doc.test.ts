import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelSpecSchema } from '../../../src-core/contract/model-spec';
import { runConfigSchema } from '../../../src-core/contract/run-config';
import { analyzeSpec } from '../../../src-core/nn/index';
import { parseModelFile } from '../../../src-core/nn/model-file';

/** The examples in docs/FORMATS.md are real: each JSON block parses and passes its schema. */
const doc = readFileSync(resolve(__dirname, '../../../docs/FORMATS.md'), 'utf8');
const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
const find = (marker: string): string => {
  const block = blocks.find((b) => b.includes(marker));
  expect(block, `an example containing ${marker}`).toBeDefined();
  return block!;
};

describe('docs/FORMATS.md examples', () => {
  it('every JSON block is valid JSON', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const block of blocks) expect(() => JSON.parse(block)).not.toThrow();
  });

  it('the layer-spec example passes the schema and the shape checks', () => {
    const spec = modelSpecSchema.parse(JSON.parse(find('"input": [1, 28, 28]')));
    expect(analyzeSpec(spec, { loss: 'cross_entropy' }).outputShape).toEqual([10]);
  });

  it('the run config example passes the schema', () => {
    expect(runConfigSchema.safeParse(JSON.parse(find('"earlyStopping"'))).error).toBeUndefined();
  });

  it('the model file example parses, base64 tensor included', () => {
    const file = parseModelFile(find('"format": "nn-lab-model"'), 'FORMATS.md');
    expect(file.state['2.weight']!.data).toEqual(Array.from(Float32Array.from([0.1, -0.2, 0.3, -0.1, 0.5, -0.3])));
    expect(file.preprocess?.target.classes).toEqual(['blue', 'red']);
    expect(file.preprocess?.features.map((t) => t.kind)).toEqual(['numeric', 'numeric', 'categorical']);
    expect(file.train).toEqual({ loss: 'cross_entropy' });
  });
});

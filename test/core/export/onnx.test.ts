import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import type { ModelSpec, ModelState } from '../../../src-core/contract/model-spec';
import type { PreprocessorState } from '../../../src-core/data/preprocess/preprocessor-state';
import { writeOnnx } from '../../../src-core/export/onnx';
import { createPredictor } from '../../../src-core/nn/index';
import { parityFixtureFiles, readParityFixture } from '../../support/parity-fixtures';

/**
 * The ONNX export run by ONNX Runtime (onnxruntime-node, CPU) must give what the lab's predictor (what
 * `nn-lab predict` prints) gives: |onnx − lab| ≤ 1e-5 · max(1, |lab|) for every output.
 */
async function runOnnx(bytes: Uint8Array, x: Float32Array, shape: number[]): Promise<{ output: Float32Array; session: ort.InferenceSession }> {
  const session = await ort.InferenceSession.create(bytes);
  const result = await session.run({ input: new ort.Tensor('float32', x, shape) });
  return { output: result['output']!.data as Float32Array, session };
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const b = expected[i]!;
    if (!(Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b)))) expect.fail(`${what}[${i}]: ${a} vs ${b}`);
  }
}

describe('ONNX export', () => {
  const files = parityFixtureFiles();
  it('finds the parity fixtures', () => expect(files.length).toBeGreaterThanOrEqual(20));

  for (const file of files) {
    it(`runs in ONNX Runtime as the lab predicts: ${file.replace(/\.json$/, '')}`, async () => {
      const f = readParityFixture(file);
      const x = Float32Array.from(f.x.data);
      const rows = f.x.shape[0]!;
      const bytes = writeOnnx({ name: f.name, spec: f.spec, state: f.expected_state_after }, '0.1.0');
      const { output, session } = await runOnnx(bytes, x, f.x.shape);
      expectClose(output, createPredictor(f.spec, f.expected_state_after).predict(x, rows), 1e-5, f.name);
      expect(session.inputNames).toEqual(['input']);
      expect(session.outputNames).toEqual(['output']);
    });
  }

  it('puts the fitted scaling and numeric fills in front as graph nodes, the class names in the metadata', async () => {
    const spec: ModelSpec = { input: [4], layers: [{ type: 'dense', units: 3 }, { type: 'gelu' }, { type: 'dense', units: 2 }, { type: 'softmax' }] };
    const state: ModelState = {
      '0.weight': { shape: [3, 4], data: [0.5, -0.2, 0.1, 0.3, -0.4, 0.6, 0.2, -0.1, 0.7, 0.1, -0.3, 0.2] },
      '0.bias': { shape: [3], data: [0.1, 0, -0.1] },
      '2.weight': { shape: [2, 3], data: [1, -1, 0.5, -0.5, 0.8, 0.2] },
      '2.bias': { shape: [2], data: [0, 0.1] },
    };
    const preprocess: PreprocessorState = {
      format: 'nn-lab-preprocessor',
      version: 1,
      missing: 'mean',
      features: [
        { kind: 'numeric', column: 'a', scaling: 'standard', offset: 10, scale: 4, fill: 10 },
        { kind: 'numeric', column: 'b', scaling: 'minmax', offset: -1, scale: 2, fill: null },
        { kind: 'categorical', column: 'c', categories: ['x', 'y'], fill: null },
      ],
      target: { task: 'classification', columns: ['label'], classes: ['blue', 'red'] },
      inputShape: [4],
      featureNames: ['a', 'b', 'c=x', 'c=y'],
    };
    const raw = [14, 0, 1, 0, NaN, 1, 0, 1, 6, -1, 0, 0];
    const encoded = Float32Array.from(raw.map((v, i) => (i % 4 === 0 ? ((Number.isNaN(v) ? 10 : v) - 10) / 4 : i % 4 === 1 ? (v + 1) / 2 : v)));
    const bytes = writeOnnx({ name: 'scaled', spec, state, preprocess }, '0.1.0');
    const { output } = await runOnnx(bytes, Float32Array.from(raw), [3, 4]);
    expectClose(output, createPredictor(spec, state).predict(encoded, 3), 1e-5, 'scaled');
    // The metadata is plain protobuf text: find the class names without a protobuf reader.
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('["blue","red"]');
    expect(text).toContain('feature_names');
  });
});

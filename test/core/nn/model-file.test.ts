import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-core/contract/api-error';
import type { ModelSpec, ModelState } from '../../../src-core/contract/model-spec';
import type { PreprocessorState } from '../../../src-core/data/preprocess/preprocessor-state';
import { decodeBase64, encodeBase64, parseModelFile, serializeModelFile } from '../../../src-core/nn/model-file';

const spec: ModelSpec = { input: [2], layers: [{ type: 'dense', units: 3 }, { type: 'relu' }, { type: 'dense', units: 1 }] };
const state: ModelState = {
  '0.weight': { shape: [3, 2], data: [0.1, -0.2, 0.3, 0.25, -1.5, 2] },
  '0.bias': { shape: [3], data: [0, 0.5, -0.125] },
  '2.weight': { shape: [1, 3], data: [1e-7, 3.4e38, -2.5] },
  '2.bias': { shape: [1], data: [0.7] },
};
/** A numeric column (standard-scaled, mean-filled) and a one-hot column of one category: 2 inputs. */
const preprocess: PreprocessorState = {
  format: 'nn-lab-preprocessor',
  version: 1,
  missing: 'mean',
  features: [
    { kind: 'numeric', column: 'a', scaling: 'standard', offset: 0.1 + 0.2, scale: 1 / 3, fill: 0.30000000000000004 },
    { kind: 'categorical', column: 'colour', categories: ['red'], fill: 'red' },
  ],
  target: { task: 'regression', columns: ['y'] },
  inputShape: [2],
  featureNames: ['a', 'colour=red'],
};

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected an error');
}

const f32 = (values: number[]): number[] => Array.from(Float32Array.from(values));

describe('serializeModelFile / parseModelFile', () => {
  it('round-trips spec, state (as float32 values), the preprocessor exactly (doubles) and the training loss', () => {
    const text = serializeModelFile(spec, state, { preprocess, train: { loss: 'huber', huberDelta: 0.5 } });
    const file = parseModelFile(text, 'm.json');
    expect(file.format).toBe('nn-lab-model');
    expect(file.version).toBe(1);
    expect(file.spec).toEqual(spec);
    expect(file.preprocess).toEqual(preprocess);
    expect(file.train).toEqual({ loss: 'huber', huberDelta: 0.5 });
    for (const [name, tensor] of Object.entries(state)) {
      expect(file.state[name]!.shape).toEqual(tensor.shape);
      expect(f32(file.state[name]!.data)).toEqual(f32(tensor.data));
    }
  });

  it('writes float32 values in their shortest exact form, one tensor per line', () => {
    const text = serializeModelFile(spec, { w: { shape: [2], data: [Math.fround(0.1), 0.1] } });
    expect(text).toContain('"w": {"shape": [2], "data": [0.1, 0.1]}');
    const odd = Math.fround(1 / 3);
    expect(Math.fround(parseModelFile(serializeModelFile(spec, { w: { shape: [1], data: [odd] } }), 'm').state.w!.data[0]!)).toBe(odd);
  });

  it('round-trips base64 little-endian float32 data', () => {
    const text = serializeModelFile(spec, state, { base64: true });
    expect(text).toContain('"encoding": "base64-f32le"');
    const file = parseModelFile(text, 'm.json');
    expect(file.state['0.weight']!.data).toEqual(f32(state['0.weight']!.data));
    expect(file.state['2.weight']!.data).toEqual(f32(state['2.weight']!.data));
  });

  it('reads a base64 string without the encoding key, byte order little-endian', () => {
    // 1.0f is 00 00 80 3f little-endian = "AACAPw==", -2.0f is 00 00 00 c0 = "AAAAwA=="
    const text = JSON.stringify({ format: 'nn-lab-model', version: 1, spec, state: { b: { shape: [2], data: 'AACAPwAAAMA=' } } });
    expect(parseModelFile(text, 'm.json').state.b!.data).toEqual([1, -2]);
  });

  it('reports a JSON syntax error with its line and column', () => {
    const text = '{\n  "format": "nn-lab-model",\n  "version": 1,,\n}';
    const error = errorOf(() => parseModelFile(text, 'model.json'));
    expect(error.code).toBe('bad_input');
    expect(error.file).toBe('model.json');
    expect([error.line, error.column]).toEqual([3, 16]); // the second comma
    expect(error.message).toMatch(/invalid JSON: unexpected ",", expected a double-quoted property name/);
  });

  it('reports a truncated file at its end', () => {
    const error = errorOf(() => parseModelFile('{"format": "nn-lab-model",\n "spec": [1, 2', 'm.json'));
    expect([error.line, error.column]).toEqual([2, 15]);
    expect(error.message).toMatch(/end of file/);
  });

  it('rejects a wrong format or version, naming the field', () => {
    const wrongFormat = errorOf(() => parseModelFile(JSON.stringify({ format: 'keras', version: 1, spec, state: {} }), 'm.json'));
    expect(wrongFormat.field).toBe('format');
    const wrongVersion = errorOf(() => parseModelFile(JSON.stringify({ format: 'nn-lab-model', version: 2, spec, state: {} }), 'm.json'));
    expect(wrongVersion.field).toBe('version');
  });

  it('validates the spec with the layer-spec schema, pointing at the bad field', () => {
    const text = serializeModelFile({ input: [2], layers: [{ type: 'dense', units: 3 }] }, {}).replace('"units": 3', '"units": -3');
    const error = errorOf(() => parseModelFile(text, 'm.json'));
    expect(error.field).toBe('spec.layers.0.units');
    expect(error.line).toBe(text.split('\n').findIndex((l) => l.includes('-3')) + 1);
    expect(error.message).toMatch(/^spec\.layers\.0\.units: /);
  });

  it("rejects a tensor whose data length does not match its shape's product", () => {
    const text = serializeModelFile(spec, { '0.bias': { shape: [3], data: [1, 2] } });
    const error = errorOf(() => parseModelFile(text, 'm.json'));
    expect(error.field).toBe('state.0.bias.data');
    expect(error.message).toMatch(/has 2 values but shape \[3\] needs 3/);
    expect(error.line).toBe(text.split('\n').findIndex((l) => l.includes('"0.bias"')) + 1);
  });

  it('rejects malformed base64 and a byte count that is not whole float32 values', () => {
    const make = (data: string): string => JSON.stringify({ format: 'nn-lab-model', version: 1, spec, state: { b: { shape: [1], data } } });
    expect(errorOf(() => parseModelFile(make('AA*A'), 'm.json')).message).toMatch(/not valid base64/);
    expect(errorOf(() => parseModelFile(make('AACA'), 'm.json')).message).toMatch(/3 bytes/);
  });

  it('rejects a preprocess block that is not a valid preprocessor, naming the field and its line', () => {
    const zeroScale = { ...preprocess, features: [{ ...preprocess.features[0]!, scale: 0 }, preprocess.features[1]!] } as PreprocessorState;
    const text = serializeModelFile(spec, {}, { preprocess: zeroScale });
    const error = errorOf(() => parseModelFile(text, 'm.json'));
    expect(error.field).toBe('preprocess.features.0.scale');
    expect(error.message).toBe('preprocess.features.0.scale: must not be 0');
    expect(text.split('\n')[error.line! - 1]).toContain('"scale": 0');
    const unknownKind = JSON.parse(serializeModelFile(spec, {}, { preprocess })) as { preprocess: { features: Array<{ kind: string }> } };
    unknownKind.preprocess.features[1]!.kind = 'ordinal';
    expect(errorOf(() => parseModelFile(JSON.stringify(unknownKind), 'm.json')).field).toBe('preprocess.features.1.kind');
  });

  it('rejects a preprocess block whose input shape does not fit the spec', () => {
    const wide = { ...preprocess, inputShape: [3], featureNames: ['a', 'colour=red', 'colour=blue'] };
    const error = errorOf(() => parseModelFile(serializeModelFile(spec, {}, { preprocess: wide }), 'm.json'));
    expect(error.field).toBe('preprocess.inputShape');
    expect(error.message).toBe('preprocess.inputShape: [3] gives 3 inputs per row but spec.input [2] takes 2');
  });

  it('refuses the earlier preprocess form (features and scaler) with what to do, at its line', () => {
    const text = serializeModelFile(spec, {}).replace('"state"', '"preprocess": {"features": ["a", "b"], "scaler": {"kind": "none"}, "target": "y", "task": "regression"},\n  "state"');
    const error = errorOf(() => parseModelFile(text, 'old.json'));
    expect(error.message).toBe('preprocess: is the earlier form (features and scaler), which records no one-hot or yes/no columns and is not read any more: train again with nn-lab train --out');
    expect(error.field).toBe('preprocess');
    expect(text.split('\n')[error.line! - 1]).toContain('"preprocess"');
  });

  it('rejects an unknown training loss', () => {
    const text = serializeModelFile(spec, {}, { train: { loss: 'mse' } }).replace('"mse"', '"hinge"');
    expect(errorOf(() => parseModelFile(text, 'm.json')).field).toBe('train.loss');
  });
});

describe('base64', () => {
  it('matches RFC 4648 test vectors both ways', () => {
    const vectors: Array<[string, string]> = [['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy']];
    for (const [plain, encoded] of vectors) {
      const bytes = new TextEncoder().encode(plain);
      expect(encodeBase64(bytes)).toBe(encoded);
      expect(new TextDecoder().decode(decodeBase64(encoded))).toBe(plain);
    }
  });

  it('accepts unpadded input and refuses characters outside the alphabet', () => {
    expect(new TextDecoder().decode(decodeBase64('Zm8'))).toBe('fo');
    expect(decodeBase64('Zm9v!')).toBeUndefined();
    expect(decodeBase64('Z')).toBeUndefined();
  });
});

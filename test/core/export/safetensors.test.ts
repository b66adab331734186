import { describe, expect, it } from 'vitest';
import type { ModelSpec, ModelState } from '../../../src-core/contract/model-spec';
import { importSafetensors, readSafetensors, tensorValues, writeSafetensors } from '../../../src-core/export/safetensors';

const spec: ModelSpec = { input: [3], layers: [{ type: 'dense', units: 2 }, { type: 'batchnorm' }, { type: 'relu' }, { type: 'dense', units: 1 }] };
const state: ModelState = {
  '0.weight': { shape: [2, 3], data: [0.5, -1.25, 2, 3.5, -0.125, 1e-3] },
  '0.bias': { shape: [2], data: [0.1, -0.2] },
  '1.weight': { shape: [2], data: [1, 1.5] },
  '1.bias': { shape: [2], data: [0, 0.25] },
  '1.running_mean': { shape: [2], data: [0.3, -0.4] },
  '1.running_var': { shape: [2], data: [1.1, 0.9] },
  '3.weight': { shape: [1, 2], data: [0.7, -0.8] },
  '3.bias': { shape: [1], data: [0.05] },
};

/** A safetensors file by hand: header JSON, then the given data bytes. */
function handMade(header: unknown, data: Uint8Array, lengthField?: number): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setUint32(0, lengthField ?? json.length, true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

const f32 = (values: number[]): Uint8Array => new Uint8Array(Float32Array.from(values).buffer);

describe('safetensors', () => {
  it('writes the Hugging Face layout: u64 header length, JSON header padded to 8 bytes, F32 little-endian data', () => {
    const bytes = writeSafetensors(state, { format: 'pt' });
    const view = new DataView(bytes.buffer);
    const n = view.getUint32(0, true);
    expect(view.getUint32(4, true)).toBe(0);
    expect((8 + n) % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as Record<string, { dtype: string; shape: number[]; data_offsets: number[] }>;
    expect(header['__metadata__']).toEqual({ format: 'pt' });
    expect(header['0.weight']).toEqual({ dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] });
    expect(header['3.bias']!.data_offsets).toEqual([bytes.length - 8 - n - 4, bytes.length - 8 - n]);
    expect(view.getFloat32(8 + n + 4, true)).toBe(-1.25);
  });

  it('reads back every tensor bit-exactly (as float32) and imports into a model of the same spec', () => {
    const file = readSafetensors(writeSafetensors(state), 'w.safetensors');
    expect(Object.keys(file.tensors)).toEqual(Object.keys(state));
    const imported = importSafetensors(spec, writeSafetensors(state), 'w.safetensors');
    for (const [name, t] of Object.entries(state)) {
      expect(imported[name]!.shape).toEqual(t.shape);
      expect(imported[name]!.data).toEqual(t.data.map(Math.fround));
    }
  });

  it('reads a PyTorch state_dict as safetensors writes it: F64 and BF16 values, num_batches_tracked skipped', () => {
    const header = { '0.weight': { dtype: 'F64', shape: [1, 1], data_offsets: [0, 8] }, '0.bias': { dtype: 'BF16', shape: [1], data_offsets: [8, 10] } };
    const data = new Uint8Array(10);
    new DataView(data.buffer).setFloat64(0, 0.1, true);
    new DataView(data.buffer).setUint16(8, 0x3fc0, true); // 1.5 in bfloat16
    const file = readSafetensors(handMade(header, data), 'torch.safetensors');
    expect(tensorValues(file.tensors['0.weight']!)).toEqual([0.1]);
    expect(tensorValues(file.tensors['0.bias']!)).toEqual([1.5]);
    const bn = { ...header, '1.num_batches_tracked': { dtype: 'I64', shape: [], data_offsets: [10, 18] } };
    const model: ModelSpec = { input: [1], layers: [{ type: 'dense', units: 1 }, { type: 'batchnorm' }] };
    expect(() => importSafetensors(model, handMade(bn, new Uint8Array(18)), 'torch.safetensors')).toThrow(/missing 1\.weight \[1\]; missing 1\.bias/);
  });

  it('names every missing, extra and mis-shaped tensor in one message', () => {
    const wrong: ModelState = { ...state, '0.weight': { shape: [3, 2], data: state['0.weight']!.data }, '4.weight': { shape: [1], data: [1] } };
    delete wrong['3.bias'];
    let message = '';
    try {
      importSafetensors(spec, writeSafetensors(wrong), 'other.safetensors');
    } catch (error) {
      message = (error as Error).message;
      expect((error as { file?: string }).file).toBe('other.safetensors');
    }
    expect(message).toContain('0.weight is [3, 2] but the model needs [2, 3]');
    expect(message).toContain('missing 3.bias [1]');
    expect(message).toContain('extra 4.weight [1]');
  });

  it('refuses bad files with the reason: truncated header, truncated data, wrong offsets, bad JSON, wrong dtype', () => {
    const good = writeSafetensors(state);
    expect(() => readSafetensors(good.subarray(0, 5), 'a.safetensors')).toThrow(/5 bytes long/);
    expect(() => readSafetensors(good.subarray(0, 40), 'a.safetensors')).toThrow(/header says it is \d+ bytes but only 32 follow/);
    expect(() => readSafetensors(good.subarray(0, good.length - 2), 'a.safetensors')).toThrow(/3\.bias: data_offsets \[\d+, \d+\] reach past/);
    const shifted = handMade({ x: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } }, f32([1, 2]));
    expect(() => readSafetensors(shifted, 'b.safetensors')).toThrow('x: data_offsets [0, 4] hold 4 bytes but F32 [2] needs 8');
    const backwards = handMade({ x: { dtype: 'F32', shape: [1], data_offsets: [4, 0] } }, f32([1, 2]));
    expect(() => readSafetensors(backwards, 'b.safetensors')).toThrow(/x: data_offsets \[4, 0\]/);
    expect(() => readSafetensors(handMade({ x: { dtype: 'Q4', shape: [1], data_offsets: [0, 1] } }, f32([1])), 'c.safetensors')).toThrow(/x: dtype "Q4" is not one of/);
    const json = new Uint8Array(12);
    new DataView(json.buffer).setUint32(0, 4, true);
    json.set([123, 34, 120, 125], 8); // {"x}
    expect(() => readSafetensors(json, 'd.safetensors')).toThrow(/header is not valid JSON/);
  });
});

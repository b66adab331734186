import { describe, expect, it } from 'vitest';
import { tensor, tensorSchema } from '../../../src-core/contract/tensor';
import { WireDecoder, encodeWireMessage } from '../../../src-core/contract/wire';

const decodeAll = (frames: Array<string | Uint8Array>): unknown[] => {
  const decoder = new WireDecoder();
  return frames.map((frame) => decoder.push(frame)).filter((message) => message !== undefined);
};

describe('tensors on the wire', () => {
  it('sends a message without tensors as one JSON text frame, as before', () => {
    const message = { kind: 'event', name: 'run.status', payload: { id: 'r', status: 'running' } };
    const frames = encodeWireMessage(message);
    expect(frames).toEqual([JSON.stringify(message)]);
    expect(decodeAll(frames)).toEqual([message]);
  });

  it('sends tensors as bytes after a JSON envelope and gives them back bit for bit', () => {
    const odd = tensor('uint8', [3], Uint8Array.of(1, 2, 255)); // 3 bytes: the next tensor is realigned to 8
    const weights = tensor('float64', [2, 2], Float64Array.of(Math.PI, -0, 1e-300, Number.MAX_VALUE));
    const pixels = tensor('float32', [1, 2, 2], Float32Array.of(1 / 255, 0.5, 0, 1));
    const labels = tensor('int32', [2], Int32Array.of(-7, 2 ** 31 - 1));
    const message = { kind: 'response', id: 4, response: { ok: true, value: { odd, nested: [{ weights }, { pixels, name: 'x' }], labels } } };
    const frames = encodeWireMessage(message, 16);
    expect(typeof frames[0]).toBe('string');
    expect(frames[0]).not.toContain('3.14159');
    expect(frames.slice(1).every((frame) => frame instanceof Uint8Array && frame.byteLength <= 16)).toBe(true);
    const decoded = decodeAll(frames)[0] as typeof message;
    expect(decoded).toEqual(message);
    const value = decoded.response.value;
    const [first, second] = value.nested as [{ weights: typeof weights }, { pixels: typeof pixels }];
    expect(first.weights.data).toBeInstanceOf(Float64Array);
    expect(Object.is(first.weights.data[1], -0)).toBe(true);
    expect(second.pixels.data[0]).toBe(Math.fround(1 / 255));
    expect(Object.keys(decoded)).toEqual(['kind', 'id', 'response']);
  });

  it('refuses frames out of order with a clear message', () => {
    const frames = encodeWireMessage({ t: tensor('uint8', [4], Uint8Array.of(1, 2, 3, 4)) });
    expect(() => new WireDecoder().push(frames[1]!)).toThrow(/binary frame came that no message announced/);
    const decoder = new WireDecoder();
    decoder.push(frames[0]);
    expect(() => decoder.push('{}')).toThrow(/text frame came while a message still waited/);
    // The broken message is dropped; the next one decodes.
    expect(decodeAll(encodeWireMessage({ ok: 1 }))).toEqual([{ ok: 1 }]);
    expect(decoder.push('{"ok":2}')).toEqual({ ok: 2 });
  });
});

describe('tensorSchema', () => {
  it('accepts a tensor whose data fills its shape and names what is wrong otherwise', () => {
    expect(tensorSchema.safeParse(tensor('float32', [2, 3], new Float32Array(6))).success).toBe(true);
    const short = tensorSchema.safeParse({ dtype: 'float32', shape: [2, 3], data: new Float32Array(5) });
    expect(short.error?.issues[0]).toMatchObject({ path: ['data'], message: 'has 5 values; shape [2, 3] needs 6' });
    const wrongType = tensorSchema.safeParse({ dtype: 'int32', shape: [2], data: new Float32Array(2) });
    expect(wrongType.error?.issues[0]?.message).toBe('must be a Int32Array for dtype int32');
    expect(tensorSchema.safeParse({ dtype: 'float16', shape: [1], data: new Float32Array(1) }).success).toBe(false);
    expect(tensorSchema.safeParse({ dtype: 'float32', shape: [1], data: [0] }).success).toBe(false);
    expect(() => tensor('uint8', [2, 2], new Uint8Array(3))).toThrow('A uint8 tensor of shape [2, 2] needs 4 values, not 3');
  });
});

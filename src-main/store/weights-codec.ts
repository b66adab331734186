import type { ModelState } from '../../src-core/contract/model-spec';

/** Where each tensor sits in the weights blob. */
export interface TensorLayout {
  key: string;
  shape: number[];
}

/** A ModelState as one float32 little-endian blob plus a layout (smaller and faster than JSON numbers). */
export function encodeWeights(state: ModelState): { layout: TensorLayout[]; data: Buffer } {
  const layout: TensorLayout[] = [];
  let total = 0;
  for (const [key, tensor] of Object.entries(state)) {
    layout.push({ key, shape: tensor.shape });
    total += tensor.data.length;
  }
  const data = Buffer.alloc(total * 4);
  let offset = 0;
  for (const { key } of layout) {
    for (const value of state[key]!.data) {
      data.writeFloatLE(value, offset);
      offset += 4;
    }
  }
  return { layout, data };
}

export function decodeWeights(layout: TensorLayout[], data: Buffer): ModelState {
  const state: ModelState = {};
  let offset = 0;
  for (const { key, shape } of layout) {
    const size = shape.reduce((a, b) => a * b, 1);
    const values = new Array<number>(size);
    for (let i = 0; i < size; i++) values[i] = data.readFloatLE(offset + i * 4);
    offset += size * 4;
    state[key] = { shape, data: values };
  }
  if (offset !== data.length) {
    throw new Error(`weights blob holds ${data.length} bytes but its layout describes ${offset}`);
  }
  return state;
}

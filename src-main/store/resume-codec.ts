import type { OptimizerState, RngState } from '../../src-core/nn/index';

/** What a run leaves for `runs.continue`: the optimizer's and the generator's state after its last epoch. */
export interface ResumeState {
  optimizer: OptimizerState;
  rng: RngState;
}

/** The `optimizer` column: the optimizer state without its arrays, and where each array sits in `moments`. */
export interface OptimizerJson {
  type: OptimizerState['type'];
  steps: number;
  epochs: number;
  schedule: OptimizerState['schedule'];
  layout: { key: string; buffer: string; length: number }[];
}

export interface ResumeRow {
  epoch: number;
  optimizer: string;
  moments: Buffer;
  generator: number;
  row_order: Buffer;
}

/** Encodes the state as row values; floats and ints are stored little-endian, exactly. */
export function encodeResume(state: ResumeState): Omit<ResumeRow, 'epoch'> {
  const { tensors, ...rest } = state.optimizer;
  const layout: OptimizerJson['layout'] = [];
  let total = 0;
  for (const [key, buffers] of Object.entries(tensors)) {
    for (const [buffer, values] of Object.entries(buffers)) {
      layout.push({ key, buffer, length: values.length });
      total += values.length;
    }
  }
  const moments = Buffer.alloc(total * 4);
  let offset = 0;
  for (const { key, buffer } of layout) {
    for (const value of tensors[key]![buffer]!) offset = moments.writeFloatLE(value, offset);
  }
  const order = state.rng.order;
  const rowOrder = Buffer.alloc(order.length * 4);
  for (let i = 0; i < order.length; i++) rowOrder.writeInt32LE(order[i]!, i * 4);
  const json: OptimizerJson = { ...rest, layout };
  return { optimizer: JSON.stringify(json), moments, generator: state.rng.generator >>> 0, row_order: rowOrder };
}

export function decodeResume(row: ResumeRow): ResumeState {
  const { layout, ...rest } = JSON.parse(row.optimizer) as OptimizerJson;
  const tensors: OptimizerState['tensors'] = {};
  let offset = 0;
  for (const { key, buffer, length } of layout) {
    const values = new Float32Array(length);
    for (let i = 0; i < length; i++) values[i] = row.moments.readFloatLE(offset + i * 4);
    offset += length * 4;
    (tensors[key] ??= {})[buffer] = values;
  }
  if (offset !== row.moments.length) throw new Error(`optimizer blob holds ${row.moments.length} bytes but its layout describes ${offset}`);
  const order = new Int32Array(row.row_order.length / 4);
  for (let i = 0; i < order.length; i++) order[i] = row.row_order.readInt32LE(i * 4);
  return { optimizer: { ...rest, tensors }, rng: { generator: row.generator, order } };
}

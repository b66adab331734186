import type { RunSnapshot, SnapshotFrame } from '../../src-core/contract/snapshots';
import { encodeWireMessage, WireDecoder } from '../../src-core/contract/wire';

/**
 * A snapshot or frame as stored: `header` is its JSON with each tensor replaced by `{"$tensor": {dtype, shape,
 * offset}}` (and a `binary: {bytes, frames}` field), `data` every tensor's bytes at its offset, 8-byte aligned:
 * the browser host's wire encoding in one piece (docs/FORMATS.md, "Run snapshots").
 */
export interface PackedTensors {
  header: string;
  data: Buffer;
}

export function packTensors(value: RunSnapshot | SnapshotFrame): PackedTensors {
  const [header, ...frames] = encodeWireMessage(value, Number.MAX_SAFE_INTEGER);
  const bytes = frames[0];
  return { header, data: bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : Buffer.alloc(0) };
}

/** The value `packTensors` packed; its tensors are views over a copy of `data`. A broken row throws, naming what is wrong. */
export function unpackTensors<T extends RunSnapshot | SnapshotFrame>(packed: PackedTensors): T {
  const decoder = new WireDecoder();
  const first = decoder.push(packed.header);
  if (first !== undefined) return first as T;
  const rest = decoder.push(new Uint8Array(packed.data.buffer, packed.data.byteOffset, packed.data.byteLength));
  if (rest === undefined) throw new Error('A stored snapshot holds fewer bytes than its header announces.');
  return rest as T;
}

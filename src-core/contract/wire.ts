import type { EventName, RequestName } from './api';
import type { ApiResponse } from './api-error';
import { isTensorArray, shapeSize, tensor, tensorArrayTypes, type Tensor, type TensorArrays, type TensorDtype } from './tensor';

/**
 * The browser host's WebSocket messages (JSON text frames on `/api`, binary frames for tensors: below). Electron's
 * IPC carries the same `ApiResponse` values, so the renderer cannot tell the transports apart.
 */
export interface WireRequest {
  kind: 'request';
  id: number;
  name: RequestName;
  args: unknown;
}

export type WireServerMessage =
  | { kind: 'response'; id: number; response: ApiResponse<unknown> }
  | { kind: 'event'; name: EventName; payload: unknown };

/** The WebSocket path, and the query parameter that carries the session token. */
export const wirePath = '/api';
export const wireTokenParam = 'token';

/**
 * Tensors travel as bytes, not JSON numbers. A message holding tensors is sent as its JSON text with each tensor
 * replaced by a placeholder (`{"$tensor": {dtype, shape, offset}}`) and a `binary: {bytes, frames}` field, followed
 * by `frames` binary frames that together hold `bytes` bytes: every tensor's data at its offset (8-byte aligned),
 * cut into frames of at most `wireFrameBytes`. A message without tensors is one text frame, as before.
 */
export const wireFrameBytes = 1 << 20;

interface TensorPlaceholder {
  $tensor: { dtype: TensorDtype; shape: number[]; offset: number };
}

interface BinaryPart {
  bytes: number;
  frames: number;
}

function isTensor(value: unknown): value is Tensor {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Tensor>;
  return typeof candidate.dtype === 'string' && Array.isArray(candidate.shape) && isTensorArray(candidate.data);
}

/** The frames that carry `message`: one text frame, then its tensors' bytes in binary frames. */
export function encodeWireMessage(message: object, frameBytes = wireFrameBytes): [string, ...Uint8Array[]] {
  const tensors: Array<{ offset: number; data: Tensor['data'] }> = [];
  let bytes = 0;
  const text = JSON.stringify(message, (_key, value: unknown) => {
    if (!isTensor(value)) return value;
    const offset = bytes;
    tensors.push({ offset, data: value.data });
    bytes = Math.ceil((offset + value.data.byteLength) / 8) * 8;
    const placeholder: TensorPlaceholder = { $tensor: { dtype: value.dtype, shape: value.shape, offset } };
    return placeholder;
  });
  if (tensors.length === 0) return [text];
  const whole = new Uint8Array(bytes);
  for (const { offset, data } of tensors) whole.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), offset);
  const frames: Uint8Array[] = [];
  for (let start = 0; start < bytes; start += frameBytes) frames.push(whole.subarray(start, Math.min(bytes, start + frameBytes)));
  const binary: BinaryPart = { bytes, frames: frames.length };
  return [`${text.slice(0, -1)},"binary":${JSON.stringify(binary)}}`, ...frames];
}

/**
 * Reassembles what `encodeWireMessage` sent: give it every frame in order; it returns each message once its
 * last frame is in (tensors as typed arrays over the received bytes), and undefined while frames are due.
 */
export class WireDecoder {
  private pending: { envelope: Record<string, unknown>; whole: Uint8Array; filled: number; frames: number } | undefined;

  push(frame: string | Uint8Array): unknown {
    try {
      return this.take(frame);
    } catch (error) {
      this.pending = undefined; // a broken message is dropped whole; the next one starts afresh
      throw error;
    }
  }

  private take(frame: string | Uint8Array): unknown {
    if (typeof frame === 'string') {
      if (this.pending) throw new Error('A text frame came while a message still waited for its binary frames.');
      const envelope = JSON.parse(frame) as Record<string, unknown>;
      const binary = envelope.binary as BinaryPart | undefined;
      if (typeof envelope !== 'object' || envelope === null || binary === undefined) return envelope;
      this.pending = { envelope, whole: new Uint8Array(binary.bytes), filled: 0, frames: binary.frames };
      return this.pending.frames === 0 ? this.complete() : undefined;
    }
    const pending = this.pending;
    if (!pending) throw new Error('A binary frame came that no message announced.');
    if (pending.filled + frame.byteLength > pending.whole.byteLength) throw new Error('The binary frames hold more bytes than their message announced.');
    pending.whole.set(frame, pending.filled);
    pending.filled += frame.byteLength;
    return --pending.frames === 0 ? this.complete() : undefined;
  }

  private complete(): unknown {
    const { envelope, whole, filled } = this.pending!;
    this.pending = undefined;
    if (filled !== whole.byteLength) throw new Error(`The binary frames hold ${filled} bytes; their message announced ${whole.byteLength}.`);
    delete envelope.binary;
    return revive(envelope, whole);
  }
}

function revive(value: unknown, whole: Uint8Array): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => revive(item, whole));
  const placeholder = (value as Partial<TensorPlaceholder>).$tensor;
  if (placeholder && typeof placeholder === 'object' && Object.keys(value).length === 1) {
    // A view, not a copy: offsets are 8-byte aligned in a buffer of the message's own.
    const Type = tensorArrayTypes[placeholder.dtype];
    if (placeholder.offset % 8 !== 0) throw new Error(`A tensor's offset (${placeholder.offset}) is not 8-byte aligned.`);
    const data = new Type(whole.buffer as ArrayBuffer, placeholder.offset, shapeSize(placeholder.shape)) as TensorArrays[TensorDtype];
    return tensor(placeholder.dtype, placeholder.shape, data);
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, revive(item, whole)]));
}

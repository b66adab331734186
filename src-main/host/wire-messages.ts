import { encodeWireMessage, type WireRequest, type WireServerMessage } from '../../src-core/contract/wire';

/** The id a response carries when the request was too broken to have one. */
export const unknownRequestId = 0;

export type ParsedFrame = { ok: true; request: WireRequest } | { ok: false; id: number; message: string };

/** Reads one client frame; anything but `{kind: 'request', id, name, args}` as JSON text is refused. */
export function parseWireRequest(data: unknown, isBinary: boolean): ParsedFrame {
  if (isBinary) return { ok: false, id: unknownRequestId, message: 'Binary frames are not accepted; send JSON text.' };
  let value: unknown;
  try {
    value = JSON.parse(String(data));
  } catch (error) {
    return { ok: false, id: unknownRequestId, message: `The frame is not valid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, id: unknownRequestId, message: 'The frame must be a JSON object.' };
  }
  const frame = value as Partial<WireRequest>;
  const id = typeof frame.id === 'number' && Number.isSafeInteger(frame.id) ? frame.id : undefined;
  if (id === undefined) return { ok: false, id: unknownRequestId, message: 'The frame needs an integer "id".' };
  if (frame.kind !== 'request') return { ok: false, id, message: 'The frame\'s "kind" must be "request".' };
  if (typeof frame.name !== 'string') return { ok: false, id, message: 'The frame needs a string "name".' };
  return { ok: true, request: { kind: 'request', id, name: frame.name, args: frame.args } };
}

/** The frames of one server message: its JSON text, then its tensors' bytes (see wire.ts). */
export function encodeServerMessage(message: WireServerMessage): [string, ...Uint8Array[]] {
  return encodeWireMessage(message);
}

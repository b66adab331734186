import { ApiError } from '../contract/api-error';
import type { ModelSpec, ModelState } from '../contract/model-spec';
import { decodeBytes, isValidUtf8 } from '../data/csv/text-encoding';
import { analyzeSpec } from '../nn/spec-analysis';
import { encodeUtf8 } from './utf8';

/**
 * safetensors (Hugging Face): an 8-byte little-endian header length N, N bytes of JSON
 * `{"__metadata__"?: {string: string}, name: {"dtype", "shape", "data_offsets": [begin, end]}}`, then the raw
 * little-endian tensors, offsets counted from the end of the header. The lab writes float32 ("F32") under its
 * PyTorch state_dict names, so `safetensors.torch.load_file` gives a state_dict `nn.Sequential` loads.
 */

export interface SafetensorsEntry {
  dtype: string;
  shape: number[];
  /** The tensor's raw bytes, little-endian, row-major. */
  bytes: Uint8Array;
}

export interface SafetensorsFile {
  metadata: Record<string, string>;
  tensors: Record<string, SafetensorsEntry>;
}

const dtypeSizes: Record<string, number> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };
const product = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

/** The file's bytes: tensors in the state's order, as float32; the header padded with spaces to 8 bytes. */
export function writeSafetensors(state: ModelState, metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = Object.keys(metadata).length ? { __metadata__: metadata } : {};
  let offset = 0;
  for (const [name, tensor] of Object.entries(state)) {
    const end = offset + tensor.data.length * 4;
    header[name] = { dtype: 'F32', shape: tensor.shape, data_offsets: [offset, end] };
    offset = end;
  }
  let json = JSON.stringify(header);
  let headerBytes = encodeUtf8(json);
  json += ' '.repeat((8 - (headerBytes.length % 8)) % 8);
  headerBytes = encodeUtf8(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, headerBytes.length, true);
  view.setUint32(4, 0, true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const tensor of Object.values(state)) {
    for (const value of tensor.data) {
      view.setFloat32(at, value, true);
      at += 4;
    }
  }
  return out;
}

/** Reads and checks a safetensors file; every problem is an ApiError naming the file and the tensor. */
export function readSafetensors(bytes: Uint8Array, fileName: string): SafetensorsFile {
  const fail = (message: string, field?: string): never => {
    throw new ApiError({ code: 'bad_input', file: fileName, message: field ? `${field}: ${message}` : message, ...(field ? { field } : {}) });
  };
  if (bytes.length < 8) fail(`is ${bytes.length} bytes long; a safetensors file starts with an 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
  if (headerLength > bytes.length - 8) {
    fail(`the header says it is ${headerLength} bytes but only ${bytes.length - 8} follow (a truncated file, or not safetensors)`);
  }
  const headerBytes = bytes.subarray(8, 8 + headerLength);
  if (!isValidUtf8(headerBytes, 0)) fail('its header is not UTF-8 text (not a safetensors file?)');
  let header: unknown;
  try {
    header = JSON.parse(decodeBytes(headerBytes, 0, headerLength, 'utf-8'));
  } catch (error) {
    fail(`its header is not valid JSON (${(error as Error).message})`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) fail('its header is not a JSON object');
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  const metadata: Record<string, string> = {};
  const tensors: Record<string, SafetensorsEntry> = {};
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      for (const [key, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
        if (typeof value !== 'string') fail('must map names to strings', `__metadata__.${key}`);
        metadata[key] = value as string;
      }
      continue;
    }
    const entry = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown } | null;
    const dtype = entry?.dtype;
    if (typeof dtype !== 'string' || !(dtype in dtypeSizes)) fail(`dtype ${JSON.stringify(dtype)} is not one of ${Object.keys(dtypeSizes).join(', ')}`, name);
    const shape = entry!.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) fail('shape must be a list of whole numbers ≥ 0', name);
    const offsets = entry!.data_offsets;
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((d) => Number.isInteger(d) && d >= 0)) fail('data_offsets must be [begin, end]', name);
    const [begin, end] = offsets as [number, number];
    const size = product(shape as number[]) * dtypeSizes[dtype as string]!;
    if (end < begin || end > dataLength) fail(`data_offsets [${begin}, ${end}] reach past the ${dataLength} bytes of data (a truncated file?)`, name);
    if (end - begin !== size) fail(`data_offsets [${begin}, ${end}] hold ${end - begin} bytes but ${dtype} [${(shape as number[]).join(', ')}] needs ${size}`, name);
    tensors[name] = { dtype: dtype as string, shape: shape as number[], bytes: bytes.subarray(dataStart + begin, dataStart + end) };
  }
  return { metadata, tensors };
}

/** A float tensor's values as numbers; undefined for an integer or boolean dtype. */
export function tensorValues(entry: SafetensorsEntry): number[] | undefined {
  const view = new DataView(entry.bytes.buffer, entry.bytes.byteOffset, entry.bytes.byteLength);
  const n = product(entry.shape);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    if (entry.dtype === 'F32') out[i] = view.getFloat32(i * 4, true);
    else if (entry.dtype === 'F64') out[i] = view.getFloat64(i * 8, true);
    else if (entry.dtype === 'BF16') out[i] = bfloat16(view.getUint16(i * 2, true));
    else if (entry.dtype === 'F16') out[i] = float16(view.getUint16(i * 2, true));
    else return undefined;
  }
  return out;
}

function bfloat16(bits: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, bits << 16);
  return view.getFloat32(0);
}

function float16(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/**
 * The weights of a safetensors file (the lab's own, or a PyTorch state_dict saved with
 * `safetensors.torch.save_file`) as the state of a model of `spec`. Refused, naming every missing, extra and
 * mis-shaped tensor at once, unless the names and shapes are exactly the spec's. PyTorch's
 * `num_batches_tracked` counters are skipped: the lab's batchnorm has a fixed momentum and does not use them.
 */
export function importSafetensors(spec: ModelSpec, bytes: Uint8Array, fileName: string): ModelState {
  const file = readSafetensors(bytes, fileName);
  const wanted = new Map<string, number[]>();
  for (const layer of analyzeSpec(spec).layers) for (const t of layer.tensors) wanted.set(`${layer.index}.${t.name}`, t.shape);
  const problems: string[] = [];
  const state: ModelState = {};
  for (const [name, shape] of wanted) {
    const entry = file.tensors[name];
    if (!entry) {
      problems.push(`missing ${name} [${shape.join(', ')}]`);
      continue;
    }
    if (entry.shape.length !== shape.length || entry.shape.some((d, i) => d !== shape[i])) {
      problems.push(`${name} is [${entry.shape.join(', ')}] but the model needs [${shape.join(', ')}]`);
      continue;
    }
    const data = tensorValues(entry);
    if (!data) {
      problems.push(`${name} is ${entry.dtype}, not a float type`);
      continue;
    }
    state[name] = { shape: [...shape], data };
  }
  for (const name of Object.keys(file.tensors)) {
    if (!wanted.has(name) && !name.endsWith('.num_batches_tracked')) problems.push(`extra ${name} [${file.tensors[name]!.shape.join(', ')}] (the model has no such tensor)`);
  }
  if (problems.length) {
    throw new ApiError({ code: 'bad_input', file: fileName, message: `does not fit the model: ${problems.join('; ')}` });
  }
  return state;
}

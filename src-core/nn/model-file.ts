import { z } from 'zod';
import { ApiError } from '../contract/api-error';
import { modelSpecSchema, type ModelFile, type ModelSpec, type ModelState } from '../contract/model-spec';
import { lossNames } from '../contract/run-config';
import { issueMessage } from '../contract/schema-issue';
import { preprocessorStateSchema } from '../data/preprocess/preprocessor-schema';
import type { PreprocessorState } from '../data/preprocess/preprocessor-state';
import { locateJsonPath, parseJson, stringifyJson } from './json-text';

/**
 * The model file (docs/FORMATS.md): `{"format": "nn-lab-model", "version": 1, "spec", "preprocess"?, "train"?, "state"}`.
 * `state` maps PyTorch state_dict keys to `{"shape": [...], "data": [...]}`; `data` is a JSON array of
 * numbers, or a base64 string of little-endian float32 (`"encoding": "base64-f32le"`, implied by a string).
 * `preprocess` (optional) is the fitted preprocessor (src-core/data/preprocess) that turned the training CSV
 * into inputs, so predict and eval apply exactly the same transform; `train` keeps the loss eval reports.
 */

/** The training settings a model file keeps so eval scores as training did. */
export const modelTrainSchema = z.strictObject({
  loss: z.enum(lossNames),
  huberDelta: z.number().positive().optional(),
});
export type ModelTrain = z.infer<typeof modelTrainSchema>;

/** A model file as this module reads and writes it: the contract's ModelFile plus the optional blocks. */
export interface LabModelFile extends ModelFile {
  preprocess?: PreprocessorState;
  train?: ModelTrain;
}

const base64Encoding = 'base64-f32le';

const tensorEntrySchema = z.strictObject({
  shape: z.array(z.number().int().nonnegative()),
  data: z.union([z.array(z.number()), z.string()]),
  encoding: z.literal(base64Encoding).optional(),
});

const modelFileSchema = z.strictObject({
  format: z.literal('nn-lab-model'),
  version: z.literal(1),
  spec: modelSpecSchema,
  state: z.record(z.string(), tensorEntrySchema),
  preprocess: preprocessorStateSchema.optional(),
  train: modelTrainSchema.optional(),
});

/** The largest finite float32. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** Reads and validates a model file; every problem is an ApiError naming the file, line, column and field. */
export function parseModelFile(text: string, fileName: string): LabModelFile {
  const raw = parseJson(text, fileName);
  const block = (raw as { preprocess?: unknown } | null)?.preprocess;
  if (block !== null && typeof block === 'object' && 'scaler' in block) {
    // The block of the first CLI (features + scaler), never released: say what to do rather than list fields.
    throw badInput(text, fileName, ['preprocess'], 'is the earlier form (features and scaler), which records no one-hot or yes/no columns and is not read any more: train again with nn-lab train --out');
  }
  const result = modelFileSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw badInput(text, fileName, issue.path as Array<string | number>, issueMessage(issue, raw));
  }
  const file = result.data;
  const state: ModelState = {};
  for (const [name, entry] of Object.entries(file.state)) {
    const expected = entry.shape.reduce((a, b) => a * b, 1);
    let data: number[];
    if (typeof entry.data === 'string') {
      const bytes = decodeBase64(entry.data);
      if (bytes === undefined) throw badInput(text, fileName, ['state', name, 'data'], 'is not valid base64');
      if (bytes.length % 4 !== 0) {
        throw badInput(text, fileName, ['state', name, 'data'], `decodes to ${bytes.length} bytes, not a whole number of float32 values`);
      }
      data = Array.from(float32FromBytes(bytes));
    } else if (entry.encoding !== undefined) {
      throw badInput(text, fileName, ['state', name, 'data'], `must be a base64 string when the encoding is ${entry.encoding}`);
    } else {
      data = entry.data;
    }
    if (data.length !== expected) {
      throw badInput(text, fileName, ['state', name, 'data'], `has ${data.length} values but shape [${entry.shape.join(', ')}] needs ${expected}`);
    }
    // A weight that is NaN, infinite or beyond float32 (1e39) would make every prediction NaN.
    const bad = data.findIndex((v) => !(Math.abs(v) <= FLOAT32_MAX));
    if (bad >= 0) throw badInput(text, fileName, ['state', name, 'data'], `value ${bad} is ${data[bad]}: a weight must be a finite float32 number`);
    state[name] = { shape: entry.shape, data };
  }
  const model: LabModelFile = { format: 'nn-lab-model', version: 1, spec: file.spec, state };
  if (file.preprocess) {
    const preprocess = file.preprocess as PreprocessorState;
    const given = preprocess.inputShape.reduce((a, b) => a * b, 1);
    const taken = file.spec.input.reduce((a, b) => a * b, 1);
    if (given !== taken) {
      throw badInput(text, fileName, ['preprocess', 'inputShape'], `[${preprocess.inputShape.join(', ')}] gives ${given} inputs per row but spec.input [${file.spec.input.join(', ')}] takes ${taken}`);
    }
    model.preprocess = preprocess;
  }
  if (file.train) model.train = file.train;
  return model;
}

function badInput(text: string, fileName: string, path: Array<string | number>, message: string): ApiError {
  const field = path.map(String).join('.');
  const where = locateJsonPath(text, path) ?? (path.length > 1 ? locateJsonPath(text, path.slice(0, -1)) : undefined);
  return new ApiError({
    code: 'bad_input',
    message: field ? `${field}: ${message}` : message,
    file: fileName,
    ...(where ?? {}),
    ...(field ? { field } : {}),
  });
}

/**
 * The model file's text: small parts indented, each tensor on one line. Numbers that are exact float32
 * values are written in the shortest form that reads back to the same float32.
 */
export function serializeModelFile(
  spec: ModelSpec,
  state: ModelState,
  options: { base64?: boolean; preprocess?: PreprocessorState; train?: ModelTrain } = {},
): string {
  const tensors = Object.entries(state).map(([name, tensor]) => {
    const shape = `[${tensor.shape.join(', ')}]`;
    const body = options.base64
      ? `"encoding": "${base64Encoding}", "data": "${encodeBase64(bytesFromFloat32(Float32Array.from(tensor.data)))}"`
      : `"data": [${tensor.data.map(formatNumber).join(', ')}]`;
    return `    ${JSON.stringify(name)}: {"shape": ${shape}, ${body}}`;
  });
  const parts = [
    `  "format": "nn-lab-model"`,
    `  "version": 1`,
    `  "spec": ${stringifyJson(spec, '  ')}`,
    ...(options.preprocess ? [`  "preprocess": ${stringifyJson(options.preprocess, '  ')}`] : []),
    ...(options.train ? [`  "train": ${stringifyJson(options.train, '  ')}`] : []),
    tensors.length ? `  "state": {\n${tensors.join(',\n')}\n  }` : `  "state": {}`,
  ];
  return `{\n${parts.join(',\n')}\n}\n`;
}

/** The shortest text that reads back to the same float32 value (or the full double for other values). */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`a model file cannot hold ${value}`);
  if (Math.fround(value) !== value) return JSON.stringify(value);
  for (let digits = 1; digits < 17; digits++) {
    const short = Number(value.toPrecision(digits));
    if (Math.fround(short) === value) return JSON.stringify(short);
  }
  return JSON.stringify(value);
}

// Base64 without Node's Buffer: src-core runs in workers, the renderer and Node alike.
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const decodeTable = new Int16Array(128).fill(-1);
for (let i = 0; i < alphabet.length; i++) decodeTable[alphabet.charCodeAt(i)] = i;

/** Standard base64 (RFC 4648, padding optional, whitespace ignored); undefined if malformed. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/\s+/g, '');
  const body = clean.replace(/={1,2}$/, '');
  if (body.length % 4 === 1 || (clean.length !== body.length && clean.length % 4 !== 0)) return undefined;
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let count = 0;
  let o = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    const v = code < 128 ? decodeTable[code]! : -1;
    if (v < 0) return undefined;
    bits = (bits << 6) | v;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out[o++] = (bits >> count) & 0xff;
    }
  }
  return out;
}

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += alphabet[(n >> 18) & 63]! + alphabet[(n >> 12) & 63]!;
    out += b === undefined ? '=' : alphabet[(n >> 6) & 63]!;
    out += c === undefined ? '=' : alphabet[n & 63]!;
  }
  return out;
}

function float32FromBytes(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

function bytesFromFloat32(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return bytes;
}

import type { ModelState } from '../contract/model-spec';
import { encodeBase64 } from '../nn/model-file';
import type { OptimizerState } from '../nn/training-session';
import { writeSafetensors } from './safetensors';

/** Pieces both Python scripts (PyTorch, Keras) share: literals, the embedded weights, the CSV reading. */

/** A Python expression for a JSON value: json.loads of a string literal (a JSON string is a valid Python one). */
export function pythonJson(value: unknown): string {
  return value === undefined ? 'None' : `json.loads(${JSON.stringify(JSON.stringify(value))})`;
}

/** A Python float or int literal that reads back to the same double. */
export function pythonNumber(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? "float('inf')" : value < 0 ? "float('-inf')" : "float('nan')";
  return String(value);
}

/**
 * The weights (and the optimizer's moments as "optimizer.<buffer>.<key>") as one safetensors file in base64,
 * split into lines of 100 characters inside parentheses.
 */
export function embeddedWeights(state: ModelState, optimizer?: OptimizerState): string {
  const all: ModelState = { ...state };
  for (const [key, buffers] of Object.entries(optimizer?.tensors ?? {})) {
    for (const [buffer, values] of Object.entries(buffers)) all[`optimizer.${buffer}.${key}`] = { shape: [values.length], data: Array.from(values) };
  }
  const text = encodeBase64(writeSafetensors(all, { format: 'pt' }));
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += 100) lines.push(`    "${text.slice(i, i + 100)}"`);
  return `(\n${lines.join('\n')}\n)`;
}

/** Python: the safetensors reader and writer (struct + json + torch.frombuffer; no safetensors package). */
export const pythonSafetensors = `
def read_safetensors(data):
    """{name: float32 tensor} from safetensors bytes (F32/F64/F16/BF16)."""
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length].decode("utf-8"))
    header.pop("__metadata__", None)
    dtypes = {"F32": torch.float32, "F64": torch.float64, "F16": torch.float16, "BF16": torch.bfloat16, "I64": torch.int64}
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        raw = bytearray(data[8 + length + begin:8 + length + end])
        values = torch.frombuffer(raw, dtype=dtypes[entry["dtype"]]) if raw else torch.zeros(0, dtype=dtypes[entry["dtype"]])
        tensors[name] = values.reshape(entry["shape"]).clone()
    return tensors


def write_safetensors(tensors, path):
    """Writes {name: tensor} as float32 safetensors (what 'safetensors.torch.load_file' reads)."""
    header, chunks, offset = {}, [], 0
    for name, tensor in tensors.items():
        values = tensor.detach().to(torch.float32).flatten().tolist()
        raw = struct.pack("<%df" % len(values), *values)
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))
`;

import { encodeUtf8 } from './utf8';

/**
 * A minimal protocol-buffers writer (proto3 wire format): varints, 32-bit floats, length-delimited strings,
 * bytes and nested messages. Enough to write ONNX's ModelProto without a dependency; fields are written in
 * the order they are called, which every reader accepts.
 */
export class ProtoWriter {
  private parts: Uint8Array[] = [];
  private length = 0;

  /** A varint field (wire type 0): int32/int64/enum; negatives as 64-bit two's complement. */
  int(field: number, value: number): this {
    this.key(field, 0);
    this.varint(value);
    return this;
  }

  /** A float field (wire type 5, little-endian float32). */
  float(field: number, value: number): this {
    this.key(field, 5);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.push(bytes);
    return this;
  }

  string(field: number, text: string): this {
    return this.bytes(field, encodeUtf8(text));
  }

  /** A length-delimited field (wire type 2). */
  bytes(field: number, bytes: Uint8Array): this {
    this.key(field, 2);
    this.varint(bytes.length);
    this.push(bytes);
    return this;
  }

  message(field: number, message: ProtoWriter): this {
    return this.bytes(field, message.finish());
  }

  /** Repeated varints, packed (the proto3 default for scalars). */
  packedInts(field: number, values: number[]): this {
    const inner = new ProtoWriter();
    for (const v of values) inner.varint(v);
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }

  private push(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.length += bytes.length;
  }

  private key(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  private varint(value: number): void {
    if (!Number.isSafeInteger(value)) throw new RangeError(`protobuf: ${value} is not a whole number`);
    const out: number[] = [];
    let v = BigInt.asUintN(64, BigInt(value));
    do {
      const low = Number(v & 0x7fn);
      v >>= 7n;
      out.push(v > 0n ? low | 0x80 : low);
    } while (v > 0n);
    this.push(Uint8Array.from(out));
  }
}

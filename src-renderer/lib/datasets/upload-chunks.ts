import type { LabApi } from '../../../src-core/contract/api';

/**
 * Pieces of a browser upload. The browser host's WebSocket frames are capped at 1 MiB, so a file (a CSV, a run
 * bundle) travels as
 * `datasets.upload-chunk` requests of at most 512 KiB of bytes each (about 683 KiB as base64), in order.
 */
export const uploadChunkBytes = 512 * 1024;

/** [start, end) byte ranges covering `size` bytes in order; one empty range for an empty file (the service names it). */
export function chunkRanges(size: number, chunkBytes = uploadChunkBytes): Array<[number, number]> {
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`chunkRanges: size must be a whole number of bytes, got ${size}`);
  if (size === 0) return [[0, 0]];
  const ranges: Array<[number, number]> = [];
  for (let start = 0; start < size; start += chunkBytes) ranges.push([start, Math.min(size, start + chunkBytes)]);
  return ranges;
}

/** Standard base64 of raw bytes (what `Buffer.from(text, 'base64')` reads back). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // String.fromCharCode takes its arguments on the stack: 32 K at a time stays well inside it.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** An id the contract accepts for an upload or an import (letters, digits, _ and -). */
export function newTransferId(prefix: 'upload' | 'import'): string {
  const random = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${prefix}-${random}`;
}

/**
 * Sends `file` as `datasets.upload-chunk` pieces under `uploadId`, in order (a CSV to import, a run bundle: the
 * request that uses it names the upload). `progress` gets the share sent; `stop` is asked before each piece and
 * ends the upload by throwing what it returns.
 */
export async function sendInPieces(
  api: Pick<LabApi, 'datasets.upload-chunk'>,
  file: Blob,
  uploadId: string,
  { progress, stop }: { progress?: (fraction: number) => void; stop?: () => Error | undefined } = {},
): Promise<void> {
  for (const [start, end] of chunkRanges(file.size)) {
    const stopped = stop?.();
    if (stopped) throw stopped;
    const bytes = new Uint8Array(await file.slice(start, end).arrayBuffer());
    await api['datasets.upload-chunk']({ uploadId, offset: start, base64: bytesToBase64(bytes) });
    progress?.(file.size ? end / file.size : 1);
  }
}

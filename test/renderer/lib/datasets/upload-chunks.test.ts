import { describe, expect, it } from 'vitest';
import { bytesToBase64, chunkRanges, newTransferId, uploadChunkBytes } from '../../../../src-renderer/lib/datasets/upload-chunks';
import { requestSchemas } from '../../../../src-core/contract/api';

describe('chunkRanges', () => {
  it('covers the file in order with pieces of at most 512 KiB', () => {
    expect(chunkRanges(uploadChunkBytes * 2 + 5)).toEqual([
      [0, uploadChunkBytes],
      [uploadChunkBytes, uploadChunkBytes * 2],
      [uploadChunkBytes * 2, uploadChunkBytes * 2 + 5],
    ]);
    expect(chunkRanges(uploadChunkBytes)).toEqual([[0, uploadChunkBytes]]);
    expect(chunkRanges(10, 4)).toEqual([[0, 4], [4, 8], [8, 10]]);
  });

  it('sends one empty piece for an empty file, so the service can name the problem', () => {
    expect(chunkRanges(0)).toEqual([[0, 0]]);
  });

  it('refuses a size that is not a byte count', () => {
    expect(() => chunkRanges(-1)).toThrow(/whole number of bytes, got -1/);
    expect(() => chunkRanges(1.5)).toThrow(RangeError);
  });
});

describe('bytesToBase64', () => {
  it('matches Node’s base64 for every byte value, across the 32 K batching boundary', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31 + 7) % 256);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(bytesToBase64(new Uint8Array(0))).toBe('');
  });

  it('keeps a full 512 KiB piece under the contract’s base64 limit', () => {
    const base64 = bytesToBase64(new Uint8Array(uploadChunkBytes).fill(255));
    expect(requestSchemas['datasets.upload-chunk'].safeParse({ uploadId: 'upload-1', offset: 0, base64 }).success).toBe(true);
  });
});

describe('newTransferId', () => {
  it('makes ids the contract accepts, different each time', () => {
    const a = newTransferId('upload');
    const b = newTransferId('upload');
    expect(a).toMatch(/^upload-[0-9a-f]{16}$/);
    expect(a).not.toBe(b);
    expect(requestSchemas['datasets.cancel-import'].safeParse({ importId: newTransferId('import') }).success).toBe(true);
  });
});

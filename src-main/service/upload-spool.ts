import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../../src-core/contract/api-error';

/** Bytes one `datasets.upload-chunk` may carry, and what one upload may add up to. */
export const maxChunkBytes = 512 * 1024;
const maxUploadBytes = 1.5 * 1024 ** 3;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export interface Upload {
  folder: string;
  file: string;
  size: number;
}

/**
 * A browser's uploads, spooled to temp files: the browser host's WebSocket frames are capped at 1 MiB, so a file
 * (a CSV to import, a run bundle) arrives as `datasets.upload-chunk` pieces, in order, and the request that
 * consumes it (`datasets.import-bytes`, `runs.import`) names the upload. One spool serves every such request.
 */
export class UploadSpool {
  private readonly uploads = new Map<string, Upload>();

  /** Appends one piece at `offset` (which must be where the upload ends); returns the bytes received so far. */
  append(uploadId: string, offset: number, base64: string): { received: number } {
    if (!BASE64.test(base64)) throw new ApiError({ code: 'invalid_args', field: 'base64', message: 'datasets.upload-chunk: base64: not base64 text' });
    const bytes = Buffer.from(base64, 'base64');
    if (bytes.byteLength > maxChunkBytes) {
      throw new ApiError({ code: 'invalid_args', field: 'base64', message: `datasets.upload-chunk: a chunk may carry at most ${maxChunkBytes} bytes, this one has ${bytes.byteLength}` });
    }
    let upload = this.uploads.get(uploadId);
    if (!upload && offset === 0) {
      const folder = mkdtempSync(join(tmpdir(), 'nn-lab-upload-'));
      upload = { folder, file: join(folder, 'upload'), size: 0 };
      appendFileSync(upload.file, new Uint8Array(0));
      this.uploads.set(uploadId, upload);
    }
    if (!upload || offset !== upload.size) {
      throw new ApiError({ code: 'conflict', field: 'offset', message: `Upload ${uploadId} has ${upload?.size ?? 0} bytes; a chunk at offset ${offset} does not follow them.` });
    }
    if (upload.size + bytes.byteLength > maxUploadBytes) {
      this.remove(uploadId);
      throw new ApiError({ code: 'bad_input', field: 'base64', message: 'An upload may have at most 1.5 GB.' });
    }
    appendFileSync(upload.file, bytes);
    upload.size += bytes.byteLength;
    return { received: upload.size };
  }

  /** The upload's spooled file, checked unchanged; `not_found` when nothing was sent under that id. */
  get(uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw new ApiError({ code: 'not_found', field: 'uploadId', message: `There is no upload ${uploadId}: send its bytes with datasets.upload-chunk first.` });
    if (statSync(upload.file).size !== upload.size) throw new ApiError({ code: 'internal', message: `Upload ${uploadId} was changed on disk.` });
    return upload;
  }

  has(uploadId: string): boolean {
    return this.uploads.has(uploadId);
  }

  /** Drops the upload and its file (after use, or when cancelled). */
  remove(uploadId: string): void {
    const upload = this.uploads.get(uploadId);
    if (upload) rmSync(upload.folder, { recursive: true, force: true });
    this.uploads.delete(uploadId);
  }
}

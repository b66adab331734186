import { createHash } from 'node:crypto';
import type { BundledDataset } from '../../src-core/data/datasets';
import type { TrainingData } from '../../src-core/nn/index';

/**
 * The one form a run records its dataset in: `sha256:<64 hex digits>` of the stored content. An imported file
 * and the CLI's data file hash their bytes (so a CLI run and an app run on the same file match); a bundled
 * generator hashes what it generated.
 */
export function sha256Of(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** An imported dataset's hash from its file's SHA-256 (the 64 hex digits `ImportedSource.hash` holds). */
export function importedDatasetHash(fileHash: string): string {
  return `sha256:${fileHash}`;
}

/**
 * A bundled dataset's hash: its parameters (id, rows, input shape, validation share, split seed) as JSON, then
 * every generated array's float32 bytes (train x, y, then validation x, y; in the host's byte order, which is
 * little-endian on every platform NN Lab ships for). Hashing the content rather than naming the generator means
 * a changed generator shows up as different data.
 */
export function bundledDatasetHash(dataset: BundledDataset, data: TrainingData): string {
  const hash = createHash('sha256');
  const { id, rows, inputShape } = dataset.info;
  hash.update(JSON.stringify({ id, rows, inputShape, validation: dataset.validation, splitSeed: dataset.splitSeed }));
  for (const part of [data.train, ...(data.validation ? [data.validation] : [])]) {
    for (const array of [part.x, part.y]) hash.update(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  }
  return `sha256:${hash.digest('hex')}`;
}

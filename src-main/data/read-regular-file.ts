import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** Why a user's file was not read; each reader words it for its own messages. */
export type FileProblem =
  | { kind: 'missing' }
  | { kind: 'folder' }
  | { kind: 'not-regular'; what: string }
  | { kind: 'too-large'; size: number; limit: number }
  | { kind: 'unreadable'; code: string };

export class FileProblemError extends Error {
  constructor(readonly problem: FileProblem) {
    super(problem.kind);
  }
}

/** The most a JSON file (run config, sweep config, model file, run bundle) may have: a string of it must fit V8's. */
export const MAX_JSON_BYTES = 256 * 1024 ** 2;
/** The most a CSV file may have: Node's Buffer and the typed columns must fit. */
export const MAX_CSV_BYTES = 1.5 * 1024 ** 3;

/** A size as a person reads it: "1.5 GB", "256 MB", "12 KB". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${Number(value.toFixed(1))} ${units[unit]}`;
}

function fileKind(info: Stats): string {
  if (info.isFIFO()) return 'a pipe';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'a special file';
}

/**
 * A user's file's bytes, read only if it is a regular file of at most `limit` bytes; else a FileProblemError.
 * The type is checked on the open descriptor (fstat), not the path, so a path swapped for a device or a pipe
 * between a check and the read is still refused; the open does not block (O_NONBLOCK), so a FIFO with no writer
 * cannot hang it, and no more than the size fstat gave is read, so a file that grows meanwhile (or a device that
 * claims size 0 and never ends, like /dev/zero) cannot fill the memory.
 */
export function readRegularFile(path: string, limit: number): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK is undefined on Windows, where opening a named pipe does not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    throw new FileProblemError(code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'missing' } : code === 'EISDIR' ? { kind: 'folder' } : { kind: 'unreadable', code });
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw new FileProblemError({ kind: 'folder' });
    if (!info.isFile()) throw new FileProblemError({ kind: 'not-regular', what: fileKind(info) });
    if (info.size > limit) throw new FileProblemError({ kind: 'too-large', size: info.size, limit });
    const bytes = Buffer.allocUnsafe(info.size);
    let filled = 0;
    while (filled < bytes.byteLength) {
      const read = readSync(fd, bytes, filled, bytes.byteLength - filled, filled);
      if (read === 0) break; // shrunk meanwhile: keep what is there
      filled += read;
    }
    return filled === bytes.byteLength ? bytes : bytes.subarray(0, filled);
  } catch (error) {
    if (error instanceof FileProblemError) throw error;
    throw new FileProblemError({ kind: 'unreadable', code: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
  } finally {
    closeSync(fd);
  }
}

/** The problem as the end of a sentence about the file: "is a pipe, not a regular file". */
export function describeFileProblem(problem: FileProblem, kindOfFile: string): string {
  switch (problem.kind) {
    case 'missing':
      return 'no such file';
    case 'folder':
      return `is a folder, not a ${kindOfFile}`;
    case 'not-regular':
      return `is ${problem.what}, not a regular file; NN Lab reads only regular files`;
    case 'too-large':
      return `${formatBytes(problem.size)} is more than the ${formatBytes(problem.limit)} a ${kindOfFile} may have`;
    case 'unreadable':
      return `cannot be read (${problem.code})`;
  }
}

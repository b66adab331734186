import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvBytes } from '../../../src-main/data/read-csv-bytes';
import { FileProblemError, formatBytes, readRegularFile } from '../../../src-main/data/read-regular-file';
import { useTempDir } from '../../support/temp-dir';

const temp = useTempDir('nn-lab-regular-file-');

function problemOf(read: () => unknown): unknown {
  try {
    read();
  } catch (error) {
    if (error instanceof FileProblemError) return error.problem;
    throw error;
  }
  throw new Error('the file was read');
}

describe('readRegularFile', () => {
  it('reads a regular file, also through a symbolic link', () => {
    writeFileSync(join(temp.dir, 'a.csv'), 'x\n1\n');
    symlinkSync(join(temp.dir, 'a.csv'), join(temp.dir, 'link.csv'));
    expect(readRegularFile(join(temp.dir, 'link.csv'), 100).toString()).toBe('x\n1\n');
  });

  it('refuses /dev/zero (size 0, never ends) at once instead of filling the memory', () => {
    expect(problemOf(() => readRegularFile('/dev/zero', 1024))).toEqual({ kind: 'not-regular', what: 'a device' });
  });

  it('refuses a FIFO with no writer at once instead of waiting for one', () => {
    const fifo = join(temp.dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    expect(problemOf(() => readRegularFile(fifo, 1024))).toEqual({ kind: 'not-regular', what: 'a pipe' });
  });

  it('refuses a folder, a missing file and a file over the limit', () => {
    mkdirSync(join(temp.dir, 'folder'));
    writeFileSync(join(temp.dir, 'big.csv'), 'x'.repeat(2048));
    expect(problemOf(() => readRegularFile(join(temp.dir, 'folder'), 1024))).toEqual({ kind: 'folder' });
    expect(problemOf(() => readRegularFile(join(temp.dir, 'none.csv'), 1024))).toEqual({ kind: 'missing' });
    expect(problemOf(() => readRegularFile(join(temp.dir, 'big.csv'), 1024))).toEqual({ kind: 'too-large', size: 2048, limit: 1024 });
  });

  it('words sizes as a person reads them', () => {
    expect([formatBytes(12), formatBytes(2048), formatBytes(256 * 1024 ** 2), formatBytes(1.5 * 1024 ** 3)]).toEqual(['12 bytes', '2 KB', '256 MB', '1.5 GB']);
  });
});

describe('readCsvBytes', () => {
  it('names the file and says it is not a regular file', () => {
    expect(() => readCsvBytes('/dev/zero', 'zero.csv')).toThrow('zero.csv: is a device, not a regular file; NN Lab reads only regular files');
  });
});

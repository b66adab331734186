import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unpackedPath } from '../../../src-main/app/asar-unpacked';
import { useTempDir } from '../../support/temp-dir';

const temp = useTempDir('nn-lab-asar-');

function touch(...parts: string[]): string {
  const file = join(temp.dir, ...parts);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, '');
  return file;
}

describe('unpackedPath', () => {
  it("addresses a packaged file's unpacked copy beside app.asar", () => {
    const inArchive = touch('resources', 'app.asar', 'out', 'main', 'train-worker.js');
    const unpacked = touch('resources', 'app.asar.unpacked', 'out', 'main', 'train-worker.js');
    expect(unpackedPath(inArchive)).toBe(unpacked);
    expect(unpackedPath(unpacked)).toBe(unpacked);
  });

  it('leaves a file that was not unpacked, a checkout path, or a look-alike folder as it is', () => {
    const packedOnly = touch('resources', 'app.asar', 'out', 'main', 'index.js');
    expect(unpackedPath(packedOnly)).toBe(packedOnly);
    const checkout = touch('nn-lab', 'out', 'main', 'train-worker.js');
    expect(unpackedPath(checkout)).toBe(checkout);
    touch('x', 'app.asar.unpacked.old', 'a.js');
    const lookAlike = touch('x', 'app.asar.old', 'a.js');
    expect(unpackedPath(lookAlike)).toBe(lookAlike);
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src-main/store/lab-store';
import { smallRun } from '../../support/small-run';
import { useTempDir } from '../../support/temp-dir';

const temp = useTempDir('nn-lab-corrupt-');
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A healthy NN Lab database with a few runs, as bytes (checkpointed: no -wal). */
function healthyBytes(): Buffer {
  const path = join(temp.dir, 'healthy.db');
  const store = openStore(path);
  store.batch(() => {
    for (let i = 0; i < 20; i++) {
      store.createRun(smallRun(`run-${i}`));
      for (let e = 1; e <= 30; e++) store.appendEpoch(`run-${i}`, { epoch: e, loss: 1 / e, lr: 0.1, seconds: 0.01 });
    }
  });
  store.close();
  return readFileSync(path);
}

// Damage that held in the attack (each set aside, never deleted): kept in the suite so it stays true.
const damages: Array<[string, (bytes: Buffer) => Buffer]> = [
  ['truncated to half', (b) => b.subarray(0, Math.floor(b.length / 2 / 4096) * 4096 + 100)],
  ['a zeroed header', (b) => Buffer.concat([Buffer.alloc(100), b.subarray(100)])],
  ['random bytes', (b) => randomBytes(b.length)],
  ['a page in the middle overwritten', (b) => {
    const copy = Buffer.from(b);
    randomBytes(4096).copy(copy, 4096 * 3);
    return copy;
  }],
  ['text', () => Buffer.from('id,name\n1,not a database\n'.repeat(200))],
  ['its last page cut off', (b) => b.subarray(0, b.length - 4096)],
  ['cut to the 100-byte header', (b) => b.subarray(0, 100)],
  ['one byte', () => Buffer.from('x')],
  ['the whole first page zeroed', (b) => Buffer.concat([Buffer.alloc(4096), b.subarray(4096)])],
  ['an impossible page size in the header', (b) => {
    const copy = Buffer.from(b);
    copy.writeUInt16BE(3, 16);
    return copy;
  }],
  ['the schema overwritten after the header', (b) => {
    const copy = Buffer.from(b);
    randomBytes(4096 - 100).copy(copy, 100);
    return copy;
  }],
  ['all zeros', (b) => Buffer.alloc(b.length)],
  ['JSON', () => Buffer.from(JSON.stringify({ runs: [{ id: 'r' }] }))],
];

describe('a damaged database is set aside, byte for byte, and a new one started', () => {
  it.each(damages)('%s', (_, damage) => {
    const bytes = damage(healthyBytes());
    const path = join(temp.dir, 'lab.db');
    writeFileSync(path, bytes);
    const store = openStore(path);
    try {
      expect(store.notices).toHaveLength(1);
      expect(store.notices[0]!.kind).toBe('database-set-aside');
      expect(sha(readFileSync(store.notices[0]!.file))).toBe(sha(bytes));
      store.createRun(smallRun('after'));
      expect(store.listRuns().map((r) => r.id)).toEqual(['after']);
    } finally {
      store.close();
    }
  });
});

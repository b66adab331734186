import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { nnLabApplicationId } from '../../../src-main/store/database-marker';
import { openStore } from '../../../src-main/store/lab-store';
import { migrate, migrations, schemaVersion } from '../../../src-main/store/migrations';
import { smallRun } from '../../support/small-run';
import { useTempDir } from '../../support/temp-dir';
import { nnLab } from '../cli/cli-harness';

const temp = useTempDir('nn-lab-marker-');
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

function sqliteFile(name: string, setUp: (db: Database.Database) => void): string {
  const path = join(temp.dir, name);
  const db = new Database(path);
  setUp(db);
  db.close();
  return path;
}

function pragmas(path: string): { applicationId: number; userVersion: number; journal: string } {
  const db = new Database(path, { readonly: true });
  try {
    return {
      applicationId: db.pragma('application_id', { simple: true }) as number,
      userVersion: db.pragma('user_version', { simple: true }) as number,
      journal: db.pragma('journal_mode', { simple: true }) as string,
    };
  } finally {
    db.close();
  }
}

const foreign: Array<[string, (db: Database.Database) => void]> = [
  ['a customers table, user_version 0', (db) => db.exec(`CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'Ada')`)],
  ['a runs table of its own', (db) => db.exec(`CREATE TABLE runs (id TEXT, started TEXT); INSERT INTO runs VALUES ('x', 'today')`)],
  ['NN Lab-like tables but another application_id', (db) => {
    migrate(db, 'x');
    db.pragma('application_id = 42');
  }],
  ['a schema version but not NN Lab tables', (db) => {
    db.exec('CREATE TABLE notes (body TEXT)');
    db.pragma('user_version = 4');
  }],
];

describe("databases that are not NN Lab's", () => {
  it.each(foreign)('refuses one with %s and leaves it unchanged byte for byte (no -wal, no -shm)', async (_, setUp) => {
    const path = sqliteFile('foreign.db', setUp);
    const before = sha(path);
    expect(() => openStore(path)).toThrow(expect.objectContaining({ file: path, message: expect.stringMatching(/^the file is an SQLite database of another program.*NN Lab left it unchanged/) }));
    expect(() => openStore(path, { readonly: true })).toThrow(/another program/);
    const cli = await nnLab(temp.dir, 'runs', 'list', '--db', 'foreign.db');
    expect(cli.code).toBe(1);
    expect(cli.err).toMatch(/^nn-lab runs: \S*foreign\.db: the file is an SQLite database of another program/);
    expect(sha(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(`${path}-shm`)).toBe(false);
    expect(pragmas(path).journal).toBe('delete');
  });

  it('makes an empty file, or an SQLite file with nothing in it, an NN Lab database with the marker', () => {
    for (const path of [join(temp.dir, 'empty.db'), sqliteFile('blank.db', () => {})]) {
      if (!existsSync(path)) writeFileSync(path, '');
      openStore(path).close();
      expect(pragmas(path)).toEqual({ applicationId: nnLabApplicationId, userVersion: schemaVersion, journal: 'wal' });
    }
  });

  it.each([1, schemaVersion])('opens an NN Lab database from before the marker (schema %i), keeps its runs and marks it', (version) => {
    const path = sqliteFile('old.db', (db) => {
      for (let v = 0; v < version; v++) db.exec(migrations[v]!);
      db.pragma(`user_version = ${version}`);
      db.prepare(`INSERT INTO runs (id, name, status, dataset_id, dataset_name, task, config, seed, epochs, created_at) VALUES ('kept', 'kept', 'completed', 'two-moons', 'Two moons', 'classification', ?, 1, 3, '2026-01-01T00:00:00.000Z')`)
        .run(JSON.stringify({ spec: smallRun('x').spec, train: smallRun('x').train }));
    });
    const store = openStore(path);
    try {
      expect(store.listRuns().map((r) => r.id)).toEqual(['kept']);
    } finally {
      store.close();
    }
    expect(pragmas(path)).toMatchObject({ applicationId: nnLabApplicationId, userVersion: schemaVersion });
  });
});

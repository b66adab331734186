import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..', '..');
const read = (file: string): string => readFileSync(join(repo, file), 'utf8');

describe('docs/RELIABILITY.md', () => {
  const doc = read('docs/RELIABILITY.md');

  it('names only test files that exist, and at least one for each table row', () => {
    const rows = doc.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Case') && !line.startsWith('| ---'));
    expect(rows.length).toBeGreaterThan(30);
    for (const row of rows) {
      const files = [...row.matchAll(/`([\w/.-]+\.test\.ts)`/g)].map((m) => m[1]!);
      expect(files, row.slice(0, 80)).not.toEqual([]);
      for (const file of files) expect(existsSync(join(repo, 'test', file)), file).toBe(true);
    }
  });

  it('is linked from the README, which documents `npm run dist` (a script package.json has)', () => {
    const readme = read('README.md');
    expect(readme).toContain('(docs/RELIABILITY.md)');
    expect(readme).toContain('npm run dist');
    expect((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts['dist']).toMatch(/electron-builder/);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'nn-lab-inspect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function inspect(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['inspect', ...args], { out: (t) => (out += t), err: (t) => (err += t), cwd: dir });
  return { code, out, err };
}

function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

const people = ['id,age,height,smoker,label'];
for (let i = 0; i < 30; i++) people.push(`${i + 1},${20 + ((i * 7) % 40)},${(150 + ((i * 13) % 40)).toFixed(1)},${i % 2 ? 'yes' : 'no'},${i % 3 ? 'a' : 'b'}`);
file('people.csv', `${people.join('\n')}\n`);

describe('nn-lab inspect', () => {
  it('prints the JSON summary a script can read', async () => {
    const { code, out } = await inspect(['people.csv', '--json']);
    expect(code).toBe(0);
    const summary = JSON.parse(out);
    expect(summary).toMatchObject({ rows: 30, delimiter: ',', header: true, encoding: 'utf-8' });
    expect(summary.target).toMatchObject({ name: 'label', task: 'classification', classes: ['a', 'b'] });
    const byName = Object.fromEntries(summary.columns.map((c: { name: string }) => [c.name, c]));
    expect(byName.id).toMatchObject({ kind: 'id', use: 'excluded' });
    expect(byName.id.reason).toMatch(/id-like/);
    expect(byName.age).toMatchObject({ kind: 'numeric', use: 'feature', missing: 0, min: 20 });
    expect(byName.smoker).toMatchObject({ kind: 'boolean', categories: ['no', 'yes'] });
    expect(summary.warnings.map((w: { code: string }) => w.code)).toContain('id_column');
  });

  it('takes the target from --target', async () => {
    const { out } = await inspect(['people.csv', '--target', 'height', '--json']);
    expect(JSON.parse(out).target).toMatchObject({ name: 'height', task: 'regression' });
  });

  it('prints a readable table without --json', async () => {
    const { code, out } = await inspect(['people.csv']);
    expect(code).toBe(0);
    expect(out).toMatch(/people\.csv: 30 rows, 5 columns, delimiter ',', header line, utf-8/);
    expect(out).toMatch(/target: label \(classification, 2 classes: a, b\)/);
    expect(out).toMatch(/^smoker\s+boolean\s+feature\s+0/m);
    expect(out).toMatch(/looks like an id/);
  });

  it('refuses a ragged file with the line and column, as JSON and as text', async () => {
    file('ragged.csv', 'a,b,c\n1,2,3\n4,5\n');
    const json = await inspect(['ragged.csv', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toEqual({ error: { message: expect.stringMatching(/ragged\.csv: line 3, column 3: this row has 2 fields/), line: 3, column: 3 } });
    const text = await inspect(['ragged.csv']);
    expect(text.code).toBe(1);
    expect(text.err).toBe('nn-lab inspect: ragged.csv: line 3, column 3: this row has 2 fields, the header has 3\n');
  });

  it('refuses a missing file and a target with one class', async () => {
    const missing = await inspect(['nope.csv', '--json']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.out).error.message).toBe('nope.csv: no such file');
    file('one-class.csv', 'x,label\n1,a\n2,a\n');
    const one = await inspect(['one-class.csv']);
    expect(one.code).toBe(1);
    expect(one.err).toMatch(/one class \('a'\)/);
  });

  it('treats bad flags as usage errors (exit 2)', async () => {
    expect((await inspect(['people.csv', '--nope'])).code).toBe(2);
    expect((await inspect([])).err).toMatch(/missing FILE/);
    expect((await inspect(['a.csv', 'b.csv'])).code).toBe(2);
    expect((await inspect(['people.csv', '--target'])).code).toBe(2);
  });
});

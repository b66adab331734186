import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { requestSchemas, type RequestArgs, type RequestName } from '../../../src-core/contract/api';
import { isApiErrorData } from '../../../src-core/contract/api-error';
import { requestNames } from '../../../src-core/contract/api-names';
import { dispatchRequest } from '../../../src-main/app/dispatch';
import { callRequest } from '../../support/call-request';
import { useTempLabs } from '../../support/temp-lab';
import { twoMoonsSpec, twoMoonsTrain } from '../pool/two-moons-run';

/**
 * The attack that held (issue 10: 1,737 malformed payloads), kept so it stays true: a seeded generator of
 * malformed payloads for every request in the contract, sent through the real dispatch to a real lab. Each is
 * answered with an ApiErrorData naming the request (and the field where there is one), never a thrown error or
 * an engine's internals, and the database does not change. Only payloads the schema refuses are sent, so no
 * handler runs: this holds validation at the boundary, not training.
 */

const labs = useTempLabs('nn-lab-fuzz-');

/** One valid payload per request: the generator damages it. `void` requests have none. */
const validPayloads: { [K in RequestName]: RequestArgs<K> } = {
  'app.info': undefined,
  'app.pick-file': { purpose: 'dataset' },
  'datasets.list': undefined,
  'datasets.preview': { id: 'two-moons' },
  'datasets.import': { path: '/tmp/x.csv', importId: 'imp-1' },
  'datasets.upload-chunk': { uploadId: 'up-1', offset: 0, base64: 'AAAA' },
  'datasets.import-bytes': { uploadId: 'up-1', fileName: 'x.csv', importId: 'imp-1' },
  'datasets.cancel-import': { importId: 'imp-1' },
  'datasets.inspect': { id: 'two-moons' },
  'datasets.update-columns': { id: 'd', target: 'y', task: 'classification', classes: ['a', 1], kinds: { x: 'numeric' }, use: { x: 'feature' } },
  'datasets.delete': { id: 'd' },
  'runs.start': { datasetId: 'two-moons', name: 'n', spec: twoMoonsSpec, train: twoMoonsTrain(3) },
  'runs.list': undefined,
  'runs.get': { id: 'r' },
  'runs.metrics': { id: 'r', from: 1, limit: 10 },
  'runs.diagnostics': { id: 'r', from: 1, limit: 10 },
  'runs.snapshots': { id: 'r', from: 1, limit: 10, frame: true },
  'runs.layer-images': { id: 'r', row: 0 },
  'runs.stop': { id: 'r' },
  'runs.pause': { id: 'r' },
  'runs.resume': { id: 'r' },
  'runs.rerun': { id: 'r' },
  'runs.duplicate': { id: 'r' },
  'runs.continue': { id: 'r', epochs: 5 },
  'runs.delete': { id: 'r' },
  'runs.tag': { id: 'r', tags: ['a', 'b'] },
  'runs.annotate': { id: 'r', notes: 'n' },
  'runs.search': { text: 'a', tags: ['t'], status: ['completed'], datasetId: 'd', sweepId: 's', createdFrom: '2026-01-01T00:00:00Z', limit: 5, offset: 0 },
  'runs.compare': { ids: ['a', 'b'], metric: 'loss', significance: { a: ['a'], b: ['b'], at: 'final', margin: 1 }, target: 0.5 },
  'runs.export': { id: 'r', format: 'json' },
  'runs.import': { bundle: '{}' },
  'app.backup': { path: '/tmp/backup.db' },
  'sweeps.start': {
    datasetId: 'two-moons',
    spec: twoMoonsSpec,
    train: twoMoonsTrain(2),
    sweep: { strategy: 'grid', parameters: { 'train.optimizer.lr': [0.01, 0.02] }, seeds: [1, 2] },
  },
  'sweeps.list': undefined,
  'sweeps.start-plan': { plan: 'paired', id: 'a', baselineId: 'b', seeds: 3 },
  'sweeps.control': { id: 's', action: 'pause' },
  'runs.fork': { id: 'r', changes: { 'train.optimizer.lr': 0.05 } },
};

/** Nested `depth` deep without recursion (a config nested 100,000 deep once overflowed the stack). */
function deep(depth: number, array: boolean): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = array ? [value] : { a: value };
  return value;
}

/** An object whose own key `__proto__` (as JSON.parse makes it) carries `polluted`. */
const protoKey = (): unknown => JSON.parse('{"__proto__":{"polluted":"yes"}}');

/** Values of every wrong type and size; NaN, Infinity, -0 and dates cannot be JSON but can be sent over IPC. */
const badValues: Array<[string, () => unknown]> = [
  ['null', () => null],
  ['true', () => true],
  ['0', () => 0],
  ['-1', () => -1],
  ['0.5', () => 0.5],
  ['NaN', () => NaN],
  ['Infinity', () => Infinity],
  ['-Infinity', () => -Infinity],
  ['1e308', () => 1e308],
  ['2^53', () => 2 ** 53],
  ['empty string', () => ''],
  ['1 MB string', () => 'x'.repeat(1 << 20)],
  ['NUL string', () => '\0'],
  ['[]', () => []],
  ['[null]', () => [null]],
  ['{}', () => ({})],
  ['date', () => new Date(0)],
  ['nested 5,000 deep (objects)', () => deep(5000, false)],
  ['nested 5,000 deep (arrays)', () => deep(5000, true)],
  ['__proto__ key', protoKey],
  ['constructor key', () => ({ constructor: { prototype: { polluted: 'yes' } } })],
];

type Path = Array<string | number>;

/** Every path to a value inside `root` (objects and arrays included), root excluded. */
function pathsOf(root: unknown, prefix: Path = []): Path[] {
  if (root === null || typeof root !== 'object') return [];
  return Object.entries(root).flatMap(([key, value]) => {
    const path = [...prefix, Array.isArray(root) ? Number(key) : key];
    return [path, ...pathsOf(value, path)];
  });
}

/** A deep copy of `root` (or `root` itself) with `edit` applied to the container of `path` and its last key. */
function edited(root: unknown, path: Path, edit: (container: Record<string | number, unknown>, key: string | number) => void, copied = true): unknown {
  const copy = (copied ? structuredClone(root) : root) as Record<string | number, unknown>;
  let container = copy;
  for (const key of path.slice(0, -1)) container = container[key] as Record<string | number, unknown>;
  edit(container, path.at(-1)!);
  return copy;
}

/** Whether every step but the last of `path` is an object in `root` (the first damage may have replaced one). */
function hasContainer(root: unknown, path: Path): boolean {
  let value = root;
  for (const key of path.slice(0, -1)) {
    if (value === null || typeof value !== 'object') return false;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value !== null && typeof value === 'object';
}

function defineOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

interface Payload {
  name: RequestName;
  what: string;
  args: unknown;
  /** The field the damage is at, when the refusal should name it. */
  field?: string;
}

/** Whole-payload damage, field by field damage, and seeded pairs of field damage. */
function* malformedPayloads(seed: number): Generator<Payload> {
  let state = seed >>> 0;
  const random = (n: number): number => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  for (const name of requestNames) {
    const valid = validPayloads[name];
    for (const [what, make] of badValues) yield { name, what: `the payload is ${what}`, args: make() };
    yield { name, what: 'a string payload', args: 'runs' };
    if (valid === undefined) continue;
    yield { name, what: 'an extra field', args: { ...valid, extra: 1 } };
    const withProto = structuredClone(valid) as object;
    defineOwn(withProto, '__proto__', { polluted: 'yes' });
    yield { name, what: 'an own __proto__ field', args: withProto };
    yield { name, what: 'a constructor field', args: { ...valid, constructor: { prototype: { polluted: 'yes' } } } };
    const paths = pathsOf(valid);
    for (const path of paths) {
      const field = path.join('.');
      yield { name, what: `${field} removed`, args: edited(valid, path, (c, k) => (Array.isArray(c) ? c.splice(Number(k), 1) : delete c[k])), field };
      for (const [what, make] of badValues) yield { name, what: `${field} is ${what}`, args: edited(valid, path, (c, k) => (c[k] = make())), field };
    }
    for (let i = 0; i < 12 && paths.length > 1; i++) {
      const [a, b] = [paths[random(paths.length)]!, paths[random(paths.length)]!];
      const [va, vb] = [badValues[random(badValues.length)]!, badValues[random(badValues.length)]!];
      const twice = edited(valid, a, (c, k) => (c[k] = va[1]()));
      if (hasContainer(twice, b)) edited(twice, b, (c, k) => (c[k] = vb[1]()), false);
      yield { name, what: `${a.join('.')} is ${va[0]} and ${b.join('.')} is ${vb[0]}`, args: twice };
    }
  }
}

/** Every table's rows, hashed: the database's content, whatever the connection. */
function databaseHash(path: string): { hash: string; runs: number } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    const hash = createHash('sha256');
    for (const table of tables) {
      const rows = db.prepare(`SELECT * FROM "${table}"`).raw().all().map((row) => JSON.stringify(row));
      hash.update(table).update(rows.sort().join('\n'));
    }
    return { hash: hash.digest('hex'), runs: db.prepare('SELECT count(*) FROM runs').pluck().get() as number };
  } finally {
    db.close();
  }
}

describe('malformed API payloads (seeded, every request name)', () => {
  it('answers each with an ApiErrorData naming the request and field, and leaves the database unchanged', async () => {
    const lab = await labs.openLab();
    const csv = join(labs.dir, 'small.csv');
    writeFileSync(csv, `a,b,y\n${Array.from({ length: 40 }, (_, i) => `${Math.sin(i).toFixed(3)},${Math.cos(i * 7).toFixed(3)},${i % 2 ? 'p' : 'q'}`).join('\n')}\n`);
    await callRequest(lab.handlers, 'datasets.import', { path: csv });
    const before = databaseHash(join(labs.dir, 'lab.db'));

    let sent = 0;
    const failures: string[] = [];
    const logged: string[] = [];
    for (const payload of malformedPayloads(20261201)) {
      if (requestSchemas[payload.name].safeParse(payload.args).success) continue; // damage that left it valid
      sent++;
      const label = `${payload.name}: ${payload.what}`;
      const response = await dispatchRequest(lab.handlers, payload.name, payload.args, (message) => logged.push(`${label}: ${message}`));
      if (response.ok) {
        failures.push(`${label}: answered ok`);
        continue;
      }
      const { error } = response;
      if (!isApiErrorData(error)) failures.push(`${label}: not an ApiErrorData`);
      else if (error.code !== 'invalid_args') failures.push(`${label}: code ${error.code}`);
      else if (!error.message.startsWith(`${payload.name}: `)) failures.push(`${label}: message ${error.message.slice(0, 200)}`);
      else if (/\n\s+at |Maximum call stack|TypeError|undefined is not/.test(error.message)) failures.push(`${label}: internals in ${error.message.slice(0, 200)}`);
      else if (error.message.length > 500) failures.push(`${label}: a ${error.message.length}-character message`);
      else if (payload.field !== undefined && error.field === undefined) failures.push(`${label}: no field in ${error.message}`);
    }
    expect(failures).toEqual([]);
    expect(logged).toEqual([]); // nothing reached a handler or threw past validation
    expect(sent).toBeGreaterThan(1500);
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(databaseHash(join(labs.dir, 'lab.db'))).toEqual(before);
  });

  it('refuses unknown and prototype request names', async () => {
    const lab = await labs.openLab();
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'runs.get ', 'RUNS.GET', '', 'runs', null, 5, {}, ['runs.get'], 'x'.repeat(100_000)]) {
      const response = await dispatchRequest(lab.handlers, name, { id: 'r' });
      expect(response, String(name).slice(0, 40)).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
      if (!response.ok) expect(response.error.message.length).toBeLessThan(120);
    }
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FullRun } from '../../../src-core/contract/training';
import { openStore } from '../../../src-main/store/lab-store';
import { nnLab, tempFolder } from './cli-harness';
import { blobsConfig, blobsCsv } from './runs-fixtures';

let tmp: ReturnType<typeof tempFolder>;
let id: string;
beforeEach(async () => {
  tmp = tempFolder();
  tmp.write('blobs.csv', blobsCsv(80));
  tmp.write('run.json', JSON.stringify(blobsConfig(3)));
  const trained = await nnLab(tmp.dir, 'train', '--config', 'run.json', '--db', 'lab.db');
  id = /run ([0-9a-f-]{36}) recorded/.exec(trained.out)![1]!;
});
afterEach(() => tmp.cleanup());

describe('nn-lab export, runs import, backup', () => {
  it('exports a run as a model file with its fitted preprocessor: predict on new data gives what train --out’s file gives', async () => {
    const config = blobsConfig(3);
    tmp.write('scaled.json', JSON.stringify({ ...config, data: { ...config.data, preprocess: { scale: 'standard' } } }));
    const trained = await nnLab(tmp.dir, 'train', '--config', 'scaled.json', '--db', 'lab.db', '--out', 'trained.model.json');
    expect(trained.code).toBe(0);
    const scaledId = /run ([0-9a-f-]{36}) recorded/.exec(trained.out)![1]!;
    const exported = await nnLab(tmp.dir, 'export', scaledId, '--db', 'lab.db', '--format', 'model', '--out', 'run.model.json');
    expect(exported.code).toBe(0);
    const file = JSON.parse(readFileSync(join(tmp.dir, 'run.model.json'), 'utf8')) as { preprocess?: { features: unknown[] } };
    expect(file.preprocess?.features).toHaveLength(2);
    tmp.write('new.csv', 'x,y\n0.5,-1\n3.2,0.4\n-1,2\n');
    const fromRun = await nnLab(tmp.dir, 'predict', '--model', 'run.model.json', '--data', 'new.csv');
    const fromTrain = await nnLab(tmp.dir, 'predict', '--model', 'trained.model.json', '--data', 'new.csv');
    expect(fromRun.err).toBe('');
    expect(fromRun.out.trim().split('\n')).toHaveLength(4);
    expect(fromRun.out).toBe(fromTrain.out);
    const bad = await nnLab(tmp.dir, 'export', scaledId, '--db', 'lab.db', '--format', 'tflite');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('bundle, csv, json, onnx, pytorch, keras, safetensors, model');
  });

  it('exports the metrics as CSV (to stdout) and JSON (to a file)', async () => {
    const csv = await nnLab(tmp.dir, 'export', id, '--db', 'lab.db', '--format', 'csv');
    const lines = csv.out.trim().split('\n');
    expect(lines[0]).toBe('epoch,loss,accuracy,val_loss,val_accuracy,lr,seconds');
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual([1, 2, 3]);
    const written = await nnLab(tmp.dir, 'export', id, '--db', 'lab.db', '--format', 'json', '--out', 'metrics.json');
    expect(written.out).toContain('exported to metrics.json');
    const json = JSON.parse(readFileSync(join(tmp.dir, 'metrics.json'), 'utf8')) as { metrics: { epoch: number }[]; run: { id: string } };
    expect(json.run.id).toBe(id);
    expect(json.metrics.map((m) => m.epoch)).toEqual([1, 2, 3]);
  });

  it('a bundle exported here imports into another database with the same metrics and weights', async () => {
    const exported = await nnLab(tmp.dir, 'export', id, '--db', 'lab.db', '--out', 'run.bundle.json');
    expect(exported.code).toBe(0);
    const bundle = JSON.parse(readFileSync(join(tmp.dir, 'run.bundle.json'), 'utf8')) as { format: string; version: number };
    expect([bundle.format, bundle.version]).toEqual(['nn-lab-run', 1]);
    const imported = await nnLab(tmp.dir, 'runs', 'import', 'run.bundle.json', '--db', 'other.db');
    expect(imported.out).toContain(`imported run ${id}`);
    const a = JSON.parse((await nnLab(tmp.dir, 'runs', 'show', id, '--db', 'lab.db', '--json')).out) as FullRun;
    const b = JSON.parse((await nnLab(tmp.dir, 'runs', 'show', id, '--db', 'other.db', '--json')).out) as FullRun;
    expect(b.metrics).toEqual(a.metrics);
    expect(b.datasetHash).toBe(a.datasetHash);
    const one = openStore(join(tmp.dir, 'lab.db'));
    const two = openStore(join(tmp.dir, 'other.db'));
    expect(two.getWeights(id)).toEqual(one.getWeights(id));
    one.close();
    two.close();
    const again = await nnLab(tmp.dir, 'runs', 'import', 'run.bundle.json', '--db', 'other.db');
    expect(again.code).toBe(1);
    expect(again.err).toContain('already in this database');
    tmp.write('not-a-bundle.json', '{"format": "something-else"}');
    const wrong = await nnLab(tmp.dir, 'runs', 'import', 'not-a-bundle.json', '--db', 'other.db');
    expect(wrong.err).toContain('not-a-bundle.json: This is not an NN Lab run bundle');
  });

  it('backs up the whole database to a new file', async () => {
    const result = await nnLab(tmp.dir, 'backup', '--db', 'lab.db', '--out', 'copy.db');
    expect(result.code).toBe(0);
    const copy = openStore(join(tmp.dir, 'copy.db'));
    expect(copy.connection.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.getRun(id).metrics).toHaveLength(3);
    copy.close();
    const again = await nnLab(tmp.dir, 'backup', '--db', 'lab.db', '--out', 'copy.db');
    expect(again.code).toBe(1);
    expect(again.err).toContain('exists already');
    expect((await nnLab(tmp.dir, 'backup', '--db', 'lab.db')).code).toBe(2);
    expect(existsSync(join(tmp.dir, 'copy.db'))).toBe(true);
  });

  it('says so for an unknown format', async () => {
    const result = await nnLab(tmp.dir, 'export', id, '--db', 'lab.db', '--format', 'xml');
    expect(result.code).toBe(2);
    expect(result.err).toContain("--format: 'xml' is not one of bundle, csv, json");
  });
});

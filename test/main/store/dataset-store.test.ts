import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../src-core/contract/api-error';
import { inferColumns } from '../../../src-core/data/columns/infer-columns';
import { parseCsv } from '../../../src-core/data/csv/parse-csv';
import { plannedInputShape } from '../../../src-core/data/datasets/imported-training';
import { diagnoseDataset } from '../../../src-core/data/doctor/diagnose-dataset';
import type { DatasetStore} from '../../../src-main/store/dataset-store';
import { configIdFor, datasetIdFor, type ImportedTable } from '../../../src-main/store/dataset-store';
import { datasetStoreOf } from '../../../src-main/service/dataset-service';
import { useTempStore } from '../../support/temp-store';

const temp = useTempStore('nn-lab-datasets-');
let datasets: DatasetStore;

beforeEach(() => {
  datasets = datasetStoreOf(temp.store);
});

const csv = 'x,colour,label\n1.5,red,a\n2.5,blue,b\n,red,a\n4,green,b\n5,red,a\n6,blue,b\n';

function importedFrom(text: string, hash = 'ab'.repeat(32)): ImportedTable {
  const bytes = new TextEncoder().encode(text);
  const table = parseCsv(bytes, { fileName: 'shop.csv' });
  const plan = inferColumns(table);
  return { hash, fileName: 'shop.csv', fileSize: bytes.length, table, stored: { plan, inputShape: plannedInputShape(table, plan) }, report: diagnoseDataset(table, plan) };
}

describe('configIdFor', () => {
  it('names the same settings the same, whatever their key order, as ids already stored were named', () => {
    const id = 'sha256-0123456789abcdef';
    // The id the store's earlier canonical JSON gave these settings: stored ids must keep resolving.
    expect(configIdFor(id, { use: { b: 'feature', a: 'excluded' }, target: 'y' })).toBe(`${id}.cfg-f3241af297ef`);
    expect(configIdFor(id, { target: 'y', use: { a: 'excluded', b: 'feature' } })).toBe(`${id}.cfg-f3241af297ef`);
  });
});

describe('DatasetStore', () => {
  it('stores the parsed columns once and gives the same table back, typed arrays and text alike', () => {
    const imported = importedFrom(csv);
    const { dataset, reused } = datasets.saveImported(imported, '2026-11-21T10:00:00.000Z');
    expect(reused).toBe(false);
    expect(dataset.info.id).toBe(datasetIdFor(imported.hash));
    expect(dataset.info.source).toMatchObject({ fileName: 'shop.csv', fileSize: csv.length, encoding: 'utf-8', delimiter: ',', hash: imported.hash });
    expect(dataset.info).toMatchObject({ task: 'classification', rows: 6, classes: ['a', 'b'] });
    // x (numeric) plus colour one-hot over the training rows' three colours.
    expect(dataset.info.inputShape).toEqual([4]);

    const table = datasets.loadTable(dataset.info.id);
    expect(table.rows).toBe(6);
    const x = table.columns[0]!;
    expect(x.type).toBe('number');
    expect(x.values).toBeInstanceOf(Float64Array);
    expect(Array.from(x.values as Float64Array)).toEqual([1.5, 2.5, NaN, 4, 5, 6]);
    expect(x.missing).toBe(1);
    expect(table.columns[1]!.values).toEqual(['red', 'blue', 'red', 'green', 'red', 'blue']);
    expect(Array.from(table.rowLines)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(datasets.get(dataset.info.id).stored.plan.columns.map((c) => c.kind)).toEqual(['numeric', 'categorical', 'categorical']);
  });

  it('reuses the stored dataset when the same bytes are imported again', () => {
    const first = datasets.saveImported(importedFrom(csv), '2026-11-21T10:00:00.000Z');
    const again = datasets.saveImported(importedFrom(csv), '2026-11-21T11:00:00.000Z');
    expect(again.reused).toBe(true);
    expect(again.dataset.info.id).toBe(first.dataset.info.id);
    expect(datasets.counts()).toMatchObject({ datasets: 1, dataset_columns: 3, dataset_row_lines: 1 });
  });

  it('leaves nothing behind when a write inside the import fails', () => {
    // A second connection adds a trigger that fails the last insert of the import, as a full disk would.
    const other = new Database(join(temp.dir, 'lab.db'));
    other.exec(`CREATE TRIGGER fail_row_lines BEFORE INSERT ON dataset_row_lines BEGIN SELECT RAISE(ABORT, 'disk is full'); END`);
    other.close();
    expect(() => datasets.saveImported(importedFrom(csv), '2026-11-21T10:00:00.000Z')).toThrow(/disk is full/);
    expect(datasets.counts()).toEqual({ datasets: 0, dataset_columns: 0, dataset_row_lines: 0, dataset_configs: 0 });
  });

  it('leaves nothing behind when the import is cancelled at the last moment, just before the commit', () => {
    const cancelled = (): void => {
      throw new Error('the import was cancelled');
    };
    expect(() => datasets.saveImported(importedFrom(csv), '2026-11-21T10:00:00.000Z', cancelled)).toThrow(/cancelled/);
    expect(datasets.counts()).toEqual({ datasets: 0, dataset_columns: 0, dataset_row_lines: 0, dataset_configs: 0 });
  });

  it('keeps column settings as a derived config and never changes the stored dataset', () => {
    const { dataset } = datasets.saveImported(importedFrom(csv), '2026-11-21T10:00:00.000Z');
    const table = datasets.loadTable(dataset.info.id);
    const plan = inferColumns(table, { use: { colour: 'excluded' } });
    const config = datasets.saveConfig(dataset.info.id, { use: { colour: 'excluded' } }, { plan, inputShape: plannedInputShape(table, plan) }, '2026-11-21T10:05:00.000Z');
    expect(config.info.id).toBe(configIdFor(dataset.info.id, { use: { colour: 'excluded' } }));
    expect(config.info.inputShape).toEqual([1]);
    expect(config.baseId).toBe(dataset.info.id);
    expect(config.info.source?.overrides).toEqual({ use: { colour: 'excluded' } });
    expect(datasets.get(dataset.info.id).info.inputShape).toEqual([4]);
    expect(datasets.loadTable(config.info.id).columns[1]!.values).toEqual(table.columns[1]!.values);
    // The same settings again are the same config.
    datasets.saveConfig(dataset.info.id, { use: { colour: 'excluded' } }, { plan, inputShape: [1] }, '2026-11-21T10:06:00.000Z');
    expect(datasets.counts().dataset_configs).toBe(1);
    expect(datasets.list().map((d) => d.info.id)).toEqual([dataset.info.id]);
  });

  it('refuses to delete a dataset a run refers to, and deletes it with its configs otherwise', () => {
    const { dataset } = datasets.saveImported(importedFrom(csv), '2026-11-21T10:00:00.000Z');
    const table = datasets.loadTable(dataset.info.id);
    const plan = inferColumns(table, { use: { colour: 'excluded' } });
    const config = datasets.saveConfig(dataset.info.id, { use: { colour: 'excluded' } }, { plan, inputShape: [1] }, '2026-11-21T10:05:00.000Z');
    temp.store.createRun({
      id: 'run-1',
      name: 'on the config',
      datasetId: config.info.id,
      datasetName: config.info.name,
      task: 'classification',
      spec: { input: [1], layers: [{ type: 'dense', units: 2 }] },
      train: { loss: 'cross_entropy', optimizer: { type: 'sgd' }, batchSize: 2, epochs: 1 },
      seed: 1,
      createdAt: '2026-11-21T10:10:00.000Z',
    });
    const refused = (() => {
      try {
        datasets.delete(dataset.info.id);
      } catch (error) {
        return error as ApiError;
      }
      throw new Error('delete was not refused');
    })();
    expect(refused.code).toBe('conflict');
    expect(refused.message).toContain('used by 1 run');
    expect(datasets.counts()).toMatchObject({ datasets: 1, dataset_configs: 1 });

    const other = datasets.saveImported(importedFrom(csv.replace('6,blue,b', '7,blue,b'), 'cd'.repeat(32)), '2026-11-21T10:20:00.000Z');
    datasets.delete(other.dataset.info.id);
    expect(datasets.counts()).toMatchObject({ datasets: 1, dataset_columns: 3, dataset_row_lines: 1 });
    expect(() => datasets.get(other.dataset.info.id)).toThrow(/There is no dataset/);
  });

  it('stores float32 columns of large files as float32', () => {
    const bytes = new TextEncoder().encode('a,b,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n');
    const table = parseCsv(bytes, { fileName: 'f.csv', precision: 'float32' });
    const plan = inferColumns(table);
    const { dataset } = datasets.saveImported(
      { hash: 'ef'.repeat(32), fileName: 'f.csv', fileSize: bytes.length, table, stored: { plan, inputShape: [2] }, report: diagnoseDataset(table, plan) },
      '2026-11-21T10:00:00.000Z',
    );
    const back = datasets.loadTable(dataset.info.id).columns[1]!;
    expect(back.values).toBeInstanceOf(Float32Array);
    expect(Array.from(back.values as Float32Array)).toEqual([2, 4, 6, 8]);
  });
});

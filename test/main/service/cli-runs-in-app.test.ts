import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestHandlers } from '../../../src-core/contract/api';
import { ApiError } from '../../../src-core/contract/api-error';
import { EventBus } from '../../../src-main/app/event-bus';
import { TrainingPool } from '../../../src-main/pool/training-pool';
import { createLabService } from '../../../src-main/service/lab-service';
import { openStore } from '../../../src-main/store/lab-store';
import { useBuiltTrainWorker } from '../../support/build-train-worker';
import { callRequest as call, callWholeRun } from '../../support/call-request';
import { nextStatus } from '../../support/run-status';
import { useTempDir } from '../../support/temp-dir';
import { nnLab } from '../cli/cli-harness';
import { blobsConfig, blobsCsv } from '../cli/runs-fixtures';

/**
 * Runs made by `nn-lab train --db` are first-class in the app: re-run, duplicate and continue find the run's data by
 * the content hash it recorded (`sha256:<hex>`), wherever the app imported those bytes from.
 */

const trainWorker = useBuiltTrainWorker();
const temp = useTempDir('nn-lab-cli-in-app-');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function app(): { handlers: RequestHandlers; bus: EventBus } {
  const store = openStore(join(temp.dir, 'lab.db'));
  const pool = new TrainingPool({ threads: 1, workerFile: trainWorker() });
  cleanups.push(() => store.close(), () => pool.close());
  const bus = new EventBus();
  const info = { name: 'NN Lab', version: 'test', host: 'browser' as const, databasePath: store.path, threads: 1 };
  return { bus, handlers: createLabService({ store, pool, bus, info, log: () => {} }) };
}

/** `nn-lab train --db lab.db` on blobs.csv in the lab's folder; returns the run's id. */
async function cliRun(): Promise<string> {
  writeFileSync(join(temp.dir, 'blobs.csv'), blobsCsv(80));
  writeFileSync(join(temp.dir, 'run.json'), JSON.stringify(blobsConfig(3, 'cli blobs')));
  const trained = await nnLab(temp.dir, 'train', '--config', 'run.json', '--db', 'lab.db');
  expect(trained.err).toBe('');
  return /run ([0-9a-f-]{36}) recorded/.exec(trained.out)![1]!;
}

describe('a CLI run in the app', () => {
  it('re-runs, duplicates and continues on the dataset imported with the same bytes from another folder', async () => {
    const id = await cliRun();
    const { handlers, bus } = app();
    const cliDetail = await call(handlers, 'runs.get', { id });
    expect(cliDetail.datasetId).toBe(`file:${join(temp.dir, 'blobs.csv')}`);
    mkdirSync(join(temp.dir, 'elsewhere'));
    copyFileSync(join(temp.dir, 'blobs.csv'), join(temp.dir, 'elsewhere', 'copy-of-blobs.csv'));
    const imported = await call(handlers, 'datasets.import', { path: join(temp.dir, 'elsewhere', 'copy-of-blobs.csv') });
    expect(`sha256:${imported.info.source!.hash}`).toBe(cliDetail.datasetHash);

    const rerun = await call(handlers, 'runs.rerun', { id });
    expect(rerun).toMatchObject({ name: 'cli blobs (re-run)', datasetId: imported.info.id, parentRunId: id });
    const ended = await nextStatus(bus, rerun.id);
    expect(ended.status).toBe('completed');
    const rerunDetail = await callWholeRun(handlers, rerun.id);
    expect(rerunDetail.datasetHash).toBe(cliDetail.datasetHash);
    expect(rerunDetail.metrics).toHaveLength(3);

    const draft = await call(handlers, 'runs.duplicate', { id });
    expect(draft).toMatchObject({ datasetId: imported.info.id, name: 'cli blobs (copy)', spec: cliDetail.spec });
    const copy = await call(handlers, 'runs.start', draft);
    expect((await nextStatus(bus, copy.id)).status).toBe('completed');

    const continued = await call(handlers, 'runs.continue', { id, epochs: 2 });
    expect(continued).toMatchObject({ datasetId: imported.info.id, parentRunId: id });
    const continuedEnd = await nextStatus(bus, continued.id);
    expect(continuedEnd.error).toBeUndefined();
    expect(continuedEnd.status).toBe('completed');
  });

  it('says the data is not stored, naming the file to import, when no dataset has its bytes', async () => {
    const id = await cliRun();
    const { handlers } = app();
    // A different file under the same name is not the run's data.
    writeFileSync(join(temp.dir, 'other.csv'), blobsCsv(60));
    await call(handlers, 'datasets.import', { path: join(temp.dir, 'other.csv') });
    for (const request of ['runs.rerun', 'runs.duplicate'] as const) {
      const refusal = await call(handlers, request, { id }).then(
        () => undefined,
        (error: unknown) => error as ApiError,
      );
      expect(refusal).toBeInstanceOf(ApiError);
      expect(refusal).toMatchObject({ code: 'not_found', field: 'datasetHash', file: join(temp.dir, 'blobs.csv') });
      expect(refusal!.message).toBe(
        'The data of run "cli blobs" (blobs.csv) is not stored in this lab: import the file it trained on (the same bytes, from any folder) and try again.',
      );
    }
  });
});

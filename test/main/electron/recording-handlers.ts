import type { RequestHandlers, RequestName } from '../../../src-core/contract/api';
import { ApiError } from '../../../src-core/contract/api-error';
import type { RunSummary } from '../../../src-core/contract/training';

/** Real request handlers for the shell's tests: they answer simply and record every call they get. */
export function recordingHandlers(): { handlers: RequestHandlers; calls: Array<{ name: RequestName; args: unknown }> } {
  const calls: Array<{ name: RequestName; args: unknown }> = [];
  const run: RunSummary = {
    id: 'r1',
    name: 'first run',
    status: 'queued',
    datasetName: 'two-moons',
    task: 'classification',
    epochs: 10,
    epochsDone: 0,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
  const notFound = (id: string) => new ApiError({ code: 'not_found', message: `No run ${id}` });
  const handlers: RequestHandlers = {
    'app.info': (args) => {
      calls.push({ name: 'app.info', args });
      return { name: 'NN Lab', version: '0.1.0', host: 'electron', databasePath: '/tmp/lab.db', threads: 1 };
    },
    'datasets.list': (args) => {
      calls.push({ name: 'datasets.list', args });
      return [];
    },
    'datasets.preview': (args) => {
      calls.push({ name: 'datasets.preview', args });
      return { id: args.id, points: [[0, 1]], labels: [1] };
    },
    'runs.start': (args) => {
      calls.push({ name: 'runs.start', args });
      return run;
    },
    'runs.list': (args) => {
      calls.push({ name: 'runs.list', args });
      return [run];
    },
    'runs.get': (args) => {
      calls.push({ name: 'runs.get', args });
      throw notFound(args.id);
    },
    'runs.stop': (args) => {
      calls.push({ name: 'runs.stop', args });
      return { ...run, id: args.id, status: 'stopped' };
    },
  };
  return { handlers, calls };
}

import type { RequestHandlers, RequestName } from '../../../src-core/contract/api';
import { requestNames } from '../../../src-core/contract/api-names';
import { ApiError } from '../../../src-core/contract/api-error';
import type { RunSummary } from '../../../src-core/contract/training';

/**
 * Real request handlers for the shell's tests: they answer simply and record every call they get.
 * The few requests the tests read answer with data; every other request (the contract grows) answers
 * `not_found`, so this helper never goes stale when a request is added.
 */
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
  const answers: Partial<Record<RequestName, (args: never) => unknown>> = {
    'app.info': () => ({ name: 'NN Lab', version: '0.1.0', host: 'electron', databasePath: '/tmp/lab.db', threads: 1 }),
    'datasets.list': () => [],
    'datasets.preview': (args: { id: string }) => ({ id: args.id, points: [[0, 1]], labels: [1] }),
    'runs.start': () => run,
    'runs.list': () => [run],
    'runs.get': (args: { id: string }) => {
      throw new ApiError({ code: 'not_found', message: `No run ${args.id}` });
    },
    'runs.stop': (args: { id: string }) => ({ ...run, id: args.id, status: 'stopped' }),
  };
  const handlers = Object.fromEntries(
    requestNames.map((name) => [
      name,
      (args: unknown) => {
        calls.push({ name, args });
        const answer = answers[name] as ((a: unknown) => unknown) | undefined;
        if (!answer) throw new ApiError({ code: 'not_found', message: `${name} is not answered in this test` });
        return answer(args);
      },
    ]),
  ) as unknown as RequestHandlers;
  return { handlers, calls };
}

import type { RequestHandlers } from '../../src-core/contract/api';
import { ApiError } from '../../src-core/contract/api-error';
import type { LabStore } from '../store/lab-store';
import type { RunRunner } from './run-runner';

/** The run's record: delete (the UI confirms first), tags, notes, search. */
export function createRunRecordHandlers(store: LabStore, runner: RunRunner): Pick<RequestHandlers, 'runs.delete' | 'runs.tag' | 'runs.annotate' | 'runs.search'> {
  return {
    'runs.delete': ({ id }) => {
      if (runner.isActive(id)) {
        const run = store.findRun(id)!;
        throw new ApiError({ code: 'conflict', field: 'id', message: `Run "${run.name}" is ${run.status}; stop it before deleting it.` });
      }
      store.deleteRun(id);
      return { id, deleted: true as const };
    },
    'runs.tag': ({ id, tags }) => store.setTags(id, tags),
    'runs.annotate': ({ id, notes }) => store.setNotes(id, notes),
    'runs.search': (search) => store.searchRuns(search),
  };
}

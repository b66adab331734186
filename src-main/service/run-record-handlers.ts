import type { RequestHandlers } from '../../src-core/contract/api';
import type { LabStore } from '../store/lab-store';

/** The run's record: delete (the UI confirms first), tags, notes, search. */
export function createRunRecordHandlers(store: LabStore): Pick<RequestHandlers, 'runs.delete' | 'runs.tag' | 'runs.annotate' | 'runs.search'> {
  return {
    'runs.delete': ({ id }) => {
      // The store refuses a run that a live process (this one included) is training.
      store.deleteRun(id);
      return { id, deleted: true as const };
    },
    'runs.tag': ({ id, tags }) => store.setTags(id, tags),
    'runs.annotate': ({ id, notes }) => store.setNotes(id, notes),
    'runs.search': (search) => store.searchRuns(search),
  };
}

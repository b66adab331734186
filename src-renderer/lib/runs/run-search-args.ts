import type { RunSearch } from '../../../src-core/contract/runs-api';
import type { RunStatus } from '../../../src-core/contract/training';

/** The run list's search box and filters as typed. */
export interface RunFilterFields {
  text: string;
  status: RunStatus | '';
  tag: string;
}

export const noFilters: RunFilterFields = { text: '', status: '', tag: '' };

/** The `runs.search` arguments for the filters, or null when none is set (then the whole list shows). */
export function searchArgs(fields: RunFilterFields): RunSearch | null {
  const text = fields.text.trim().slice(0, 200);
  const tag = fields.tag.trim();
  if (!text && !fields.status && !tag) return null;
  return {
    ...(text ? { text } : {}),
    ...(fields.status ? { status: [fields.status] } : {}),
    ...(tag ? { tags: [tag] } : {}),
  };
}

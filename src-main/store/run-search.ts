import type { RunSearch } from '../../src-core/contract/runs-api';

/**
 * The WHERE and LIMIT clauses of a run search over `runs r`, with their parameters. Status, dataset, sweep, tag
 * and date filters use indexes (runs_by_status, runs_by_dataset, runs_by_sweep, run_tags' key, runs_by_created);
 * the text is matched as a case-insensitive substring of the name or the notes.
 */
export function runSearchSql(search: RunSearch): { where: string; params: unknown[]; limit: string } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (search.text?.trim()) {
    const pattern = `%${search.text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    clauses.push(`(r.name LIKE ? ESCAPE '\\' OR r.notes LIKE ? ESCAPE '\\')`);
    params.push(pattern, pattern);
  }
  if (search.status?.length) {
    clauses.push(`r.status IN (${search.status.map(() => '?').join(', ')})`);
    params.push(...search.status);
  }
  if (search.datasetId !== undefined) {
    clauses.push('r.dataset_id = ?');
    params.push(search.datasetId);
  }
  if (search.sweepId !== undefined) {
    clauses.push('r.sweep_id = ?');
    params.push(search.sweepId);
  }
  for (const tag of new Set(search.tags ?? [])) {
    clauses.push('EXISTS (SELECT 1 FROM run_tags t WHERE t.tag = ? AND t.run_id = r.id)');
    params.push(tag.trim());
  }
  // created_at is ISO 8601 in UTC, so string order is time order.
  if (search.createdFrom !== undefined) {
    clauses.push('r.created_at >= ?');
    params.push(new Date(search.createdFrom).toISOString());
  }
  if (search.createdTo !== undefined) {
    clauses.push('r.created_at < ?');
    params.push(new Date(search.createdTo).toISOString());
  }
  const limit = search.limit !== undefined ? `LIMIT ${search.limit} OFFSET ${search.offset ?? 0}` : search.offset ? `LIMIT -1 OFFSET ${search.offset}` : '';
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params, limit };
}

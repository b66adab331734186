import { ApiError } from '../../../src-core/contract/api-error';

/**
 * The service's refusal when a run's data is not stored in this lab (run-datasets.ts: `not_found` on
 * `datasetHash`): the file the run trained on, when it names one, so the window can offer to import it.
 */
export function missingRunData(error: unknown): { file?: string } | undefined {
  const apiError = ApiError.from(error);
  if (apiError.code !== 'not_found' || apiError.field !== 'datasetHash') return undefined;
  return apiError.file ? { file: apiError.file } : {};
}

/** The action's label: "Import digits.csv…", or "Import a file…" when the run names none. */
export function importLabel(file: string | undefined): string {
  const name = file?.split(/[\\/]/).pop();
  return name ? `Import ${name}…` : 'Import a file…';
}

import { ApiError } from '../../src-core/contract/api-error';
import type { SpecError } from '../../src-core/nn/index';
import type { SweepError } from '../../src-core/sweep/index';

/**
 * The core's errors as the boundary reports them (the app's requests and the CLI alike). From a file (`file`
 * given) the message names the field itself, since the CLI shows `file: message`; a request's error carries the
 * field beside the message.
 */

/** A spec that does not fit: the field is `prefix` (default `spec`) or the layer under it, `spec.layers.3`. */
export function specApiError(error: SpecError, where: { prefix?: string; file?: string } = {}): ApiError {
  const prefix = where.prefix ?? 'spec';
  const field = error.layerIndex === undefined ? prefix : `${prefix}.layers.${error.layerIndex}`;
  if (where.file === undefined) return new ApiError({ code: 'bad_input', field, message: error.message });
  return new ApiError({ code: 'bad_input', message: `${field}: ${error.message}`, file: where.file, field });
}

/** A sweep that cannot be expanded: the field is `sweep` or the parameter under it, `sweep.parameters.train.lr`. */
export function sweepApiError(error: SweepError, file?: string): ApiError {
  const field = error.field ? `sweep.${error.field}` : 'sweep';
  if (file === undefined) return new ApiError({ code: 'bad_input', message: `sweep: ${error.message}`, field });
  return new ApiError({ code: 'bad_input', file, field, message: error.message });
}

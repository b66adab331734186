/**
 * The one error shape that crosses a process boundary. It says what is wrong and where
 * (file, line, column, field), never carries a stack trace, and survives IPC and WebSocket alike.
 */
export type ApiErrorCode =
  | 'invalid_args' // a payload failed validation
  | 'not_found' // a run, dataset or file that does not exist
  | 'bad_input' // a file or value that cannot be used
  | 'conflict' // an action that does not fit the current state
  | 'unavailable' // a resource (database, pool) cannot serve the request
  | 'internal'; // a bug: the message is still meant for a person

export interface ApiErrorData {
  code: ApiErrorCode;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  field?: string;
}

export class ApiError extends Error implements ApiErrorData {
  readonly code: ApiErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly field?: string;

  constructor(data: ApiErrorData) {
    super(data.message);
    this.name = 'ApiError';
    this.code = data.code;
    if (data.file !== undefined) this.file = data.file;
    if (data.line !== undefined) this.line = data.line;
    if (data.column !== undefined) this.column = data.column;
    if (data.field !== undefined) this.field = data.field;
  }

  toData(): ApiErrorData {
    const { code, message, file, line, column, field } = this;
    return { code, message, file, line, column, field };
  }

  /** Any thrown value as an ApiError; unknown errors keep their message but not their stack. */
  static from(error: unknown): ApiError {
    if (error instanceof ApiError) return error;
    if (isApiErrorData(error)) return new ApiError(error);
    const message = error instanceof Error ? error.message : String(error);
    return new ApiError({ code: 'internal', message });
  }
}

export function isApiErrorData(value: unknown): value is ApiErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorData).code === 'string' &&
    typeof (value as ApiErrorData).message === 'string'
  );
}

/** What a request returns over any transport: a value, or an error in the shape above. */
export type ApiResponse<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

/** Error codes every transport understands; the UI picks wording and recovery by code. */
export type ErrorCode =
  | 'bad-input'
  | 'not-found'
  | 'not-a-file'
  | 'empty-file'
  | 'not-a-database'
  | 'corrupt'
  | 'locked'
  | 'hot-journal'
  | 'unsupported'
  | 'unknown-table'
  | 'unknown-column'
  | 'cancelled'
  | 'timeout'
  | 'unauthorized'
  | 'io'
  | 'source-error'
  | 'internal';

/** A failure with a machine code and one human sentence. */
export interface ApiError {
  readonly code: ErrorCode;
  readonly message: string;
}

/** The outcome of every contract call: never a thrown error across a transport. */
export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ApiError };

/** Wraps a value as a successful result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps a code and message as a failed result. */
export function err<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

/** A typed error thrown inside handlers and sources; transports turn it into a failed Result. */
export class AuditlensError extends Error {
  public readonly code: ErrorCode;

  public constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AuditlensError';
    this.code = code;
  }
}

/** Narrows an unknown thrown value to an ApiError, hiding internals of unexpected errors. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof AuditlensError) {
    return { code: e.code, message: e.message };
  }
  if (typeof e === 'object' && e !== null && 'code' in e && 'message' in e) {
    const code = (e as { code: unknown }).code;
    const message = (e as { message: unknown }).message;
    if (typeof code === 'string' && typeof message === 'string' && isErrorCode(code)) {
      return { code, message };
    }
  }
  return { code: 'internal', message: 'Something went wrong inside Auditlens; the store was not changed.' };
}

const CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'bad-input', 'not-found', 'not-a-file', 'empty-file', 'not-a-database', 'corrupt', 'locked', 'hot-journal',
  'unsupported', 'unknown-table', 'unknown-column', 'cancelled', 'timeout', 'unauthorized', 'io', 'source-error',
  'internal',
]);

/** True when the string is one of the known error codes. */
export function isErrorCode(code: string): code is ErrorCode {
  return CODES.has(code);
}

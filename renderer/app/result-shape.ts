import type { ApiError, Result } from '../../shared/api/result';
import { isErrorCode } from '../../shared/api/result';

/** Turns whatever a transport handed back into a Result, so a malformed answer is an error and not a crash. */
export function toResult(raw: unknown): Result<unknown> {
  if (typeof raw !== 'object' || raw === null || !('ok' in raw)) {
    return ioError('Auditlens sent an answer the window does not understand.');
  }
  if (raw.ok === true) {
    return { ok: true, value: 'value' in raw ? raw.value : undefined };
  }
  const error = 'error' in raw ? raw.error : undefined;
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    const { code, message } = error;
    if (typeof code === 'string' && typeof message === 'string') {
      return { ok: false, error: { code: isErrorCode(code) ? code : 'internal', message } };
    }
  }
  return ioError('Auditlens reported a failure without saying what went wrong.');
}

/** An `io` failure: how every transport problem reaches the UI. */
export function ioError(message: string): { readonly ok: false; readonly error: ApiError } {
  return { ok: false, error: { code: 'io', message } };
}

/** The sentence shown when the transport itself failed (server gone, IPC broken). */
export function unreachable(e: unknown): { readonly ok: false; readonly error: ApiError } {
  const why = e instanceof Error ? e.message : String(e);
  return ioError(`Auditlens is not reachable: ${why}`);
}

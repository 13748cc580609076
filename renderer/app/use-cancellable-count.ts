import { useEffect, useState } from 'react';
import type { RowCount } from '../../shared/model/catalog';
import type { Result } from '../../shared/api/result';
import { call } from './api-client';
import { useReportError } from './error-context';
import { newRequestId } from './request-id';

/** How long a count may run before it answers "at least N". */
export const COUNT_BUDGET_MS = 1_500;

/**
 * A count for the query named by `signature`; null while counting. A newer signature cancels the
 * older count on the server, and an older count is never shown for a newer query.
 */
export function useCancellableCount(
  signature: string,
  start: (requestId: string) => Promise<Result<RowCount>>,
  what: string,
): RowCount | null {
  const report = useReportError();
  const [state, setState] = useState<{ count: RowCount | null; signature: string }>({ count: null, signature });

  useEffect(() => {
    let pending = true;
    const requestId = newRequestId();
    void start(requestId).then((r) => {
      if (!pending) {
        return;
      }
      pending = false;
      if (r.ok) {
        setState({ count: r.value, signature });
      } else {
        report(r.error, what);
      }
    });
    return () => {
      if (pending) {
        pending = false;
        void call('query.cancel', { requestId });
      }
    };
    // The signature stands for the query: a new object with the same content must not recount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature, report]);

  return state.signature === signature ? state.count : null;
}

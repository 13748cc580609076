import type { Handlers } from '../../shared/api/dispatch';
import type { Services } from './services';
import type { TrackRequest } from './track-request';

/** The SQL console's call: one statement, a window of its rows, cancellable by its request id. */
export function createConsoleHandlers(services: Services, track: TrackRequest): Pick<Handlers, 'console.run'> {
  return {
    'console.run': async ({ storeId, sql, startRow, endRow, timeoutMs, requestId }) => {
      const source = services.stores.get(storeId);
      const started = performance.now();
      const r = await track(requestId, (signal) => source.consoleQuery({ sql, startRow, limit: endRow - startRow, timeoutMs }, signal));
      return { columns: r.columns, rows: r.rows, startRow, more: r.more, tookMs: Math.round((performance.now() - started) * 10) / 10 };
    },
  };
}

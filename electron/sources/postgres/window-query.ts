/**
 * A query that keeps only a window of its rows: it goes through the extended protocol (which
 * refuses a second statement in one string) and pulls rows from the server's portal a batch at a
 * time, so the rows before the window are read and dropped, the rows after it never sent, and a
 * CSV export of the whole result streams without holding it. Built on pg's own Query, whose row
 * parsing (the session's type parsers) and protocol handling it keeps.
 */
import type pg from 'pg';
import { loadPg } from './pg-client-config';

/** Which rows to keep; `onRow` sees each kept row (raw, parsed) in order. */
export interface WindowSpec {
  readonly skip: number;
  /** Rows to keep; Infinity for all of them. */
  readonly take: number;
  readonly onRow: (row: readonly unknown[]) => void;
  /** Sees the column names once, before the first row. */
  readonly onFields?: ((names: readonly string[]) => void) | undefined;
  /** Type parsers for this query alone (an export wants every value as the server's text); default: the session's. */
  readonly types?: pg.CustomTypesConfig | undefined;
}

/** The statement's column names and whether rows follow the window. */
export interface WindowOutcome {
  readonly fields: readonly string[];
  readonly more: boolean;
}

/** Rows asked of the portal per round trip. */
const BATCH = 500;

/** The parts of pg's Query this subclass uses (internal, stable across pg 8). */
interface QueryInternals {
  _canceledDueToError: unknown;
  _result: { parseRow(fields: unknown[]): unknown[]; fields: { name: string }[] };
  handlePortalSuspended(connection: { sync(): void }): void;
  handleRowDescription(msg: { fields: { name: string }[] }): void;
  handleError(err: unknown, connection: { sync(): void }): void;
}

type QueryCtor = new (config: Record<string, unknown>) => QueryInternals;

/** Runs `sql` on the client (inside the caller's transaction) and hands the window's rows to `onRow`. */
export async function runWindow(client: pg.Client, sql: string, w: WindowSpec): Promise<WindowOutcome> {
  const lib = await loadPg();
  const Base = (lib as unknown as { Query: QueryCtor }).Query;
  let seen = 0;
  let more = false;
  const end = w.skip + w.take;
  class WindowQuery extends Base {
    public override handleRowDescription(msg: { fields: { name: string }[] }): void {
      super.handleRowDescription(msg);
      w.onFields?.(msg.fields.map((f) => f.name));
    }

    public handleDataRow(msg: { fields: unknown[] }): void {
      if (this._canceledDueToError) {
        return;
      }
      const i = seen++;
      if (i >= end) {
        more = true;
        return;
      }
      if (i < w.skip) {
        return;
      }
      try {
        w.onRow(this._result.parseRow(msg.fields));
      } catch (e) {
        this._canceledDueToError = e;
      }
    }

    public override handleError(err: unknown, connection: { sync(): void }): void {
      // A server error while rows are pulled in batches comes before any Sync (pg sends one only
      // without `rows`): the server skips everything until one, so send it, or the session hangs.
      // A row that failed to parse here (_canceledDueToError) arrives after the Sync was sent.
      if (!this._canceledDueToError) {
        connection.sync();
      }
      super.handleError(err, connection);
    }

    public override handlePortalSuspended(connection: { sync(): void }): void {
      // Enough rows (or a failed row): end the pipeline instead of asking for the next batch.
      if (more || this._canceledDueToError) {
        connection.sync();
      } else {
        super.handlePortalSuspended(connection);
      }
    }
  }
  return new Promise<WindowOutcome>((resolve, reject) => {
    let query: QueryInternals | null = null;
    const callback = (err: Error | null): void => {
      if (err) {
        reject(err);
      } else {
        resolve({ fields: (query?._result.fields ?? []).map((f) => f.name), more });
      }
    };
    query = new WindowQuery({ text: sql, rowMode: 'array', queryMode: 'extended', rows: BATCH, callback, ...(w.types ? { types: w.types } : {}) });
    void client.query(query as unknown as pg.QueryConfig);
  });
}

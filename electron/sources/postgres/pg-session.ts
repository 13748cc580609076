import type { Readable } from 'node:stream';
import type pg from 'pg';
import { AuditlensError } from '../../../shared/api/result';
import type { PgTarget } from './connection-url';
import { CopyOutStream } from './copy-out-stream';
import { CANCEL_GRACE_MS, sendCancelRequest } from './pg-cancel-request';
import type { SessionOptions } from './pg-client-config';
import { clientConfig, contextOf, loadPg } from './pg-client-config';
import { fromPgError, whereOf } from './pg-errors';
import type { WindowOutcome, WindowSpec } from './window-query';
import { runWindow } from './window-query';

/** Options of one read-only transaction. */
export interface RunOptions {
  /** Replaces the session's statement limit inside this transaction (`SET LOCAL`). */
  readonly timeoutMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  /** One snapshot for the whole transaction (REPEATABLE READ), for exports. */
  readonly snapshot?: boolean | undefined;
}

/** Rows as arrays of raw cells (see `parserFor`), with the result's column names. */
export interface PgRows {
  readonly fields: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

/** What the login could change, so the app can warn visibly when it is not read-only. */
export interface WriteRisk {
  readonly superuser: boolean;
  /** Tables and views the login may INSERT into, UPDATE, DELETE from or TRUNCATE, as `schema.name`. */
  readonly writableTables: string[];
  /** Predefined roles that bypass table grants (pg_write_all_data, the server-file and program roles). */
  readonly powerfulRoles: string[];
}

interface ClientInternals {
  processID: number | null;
  secretKey: number | null;
  replication?: unknown;
  connectionParameters: { replication?: unknown };
  connection: { stream: { destroy(): void } };
}

/**
 * One connection that runs every statement inside its own `BEGIN READ ONLY … COMMIT`, one at a
 * time, with server-side time limits and a real cancel. Statements go through the extended
 * protocol, which refuses a second statement in one string (`COMMIT; DELETE …`).
 */
export class PgSession {
  private tail: Promise<unknown> = Promise.resolve();
  private running: { cancelRequested: boolean } | null = null;
  private dead = false;

  private constructor(
    private readonly client: pg.Client,
    private readonly target: PgTarget,
    /** The server process serving this session, as `pg_stat_activity.pid` shows it. */
    public readonly pid: number,
    private readonly secretKey: number,
  ) {
    client.on('error', () => {
      this.dead = true;
    });
    client.on('end', () => {
      this.dead = true;
    });
  }

  /** Connects, or throws a typed error saying what went wrong (never quoting the password). */
  public static async connect(target: PgTarget, password: string | null, options: SessionOptions = {}): Promise<PgSession> {
    const lib = await loadPg();
    const client = new lib.Client(clientConfig(target, password, options));
    // PGREPLICATION cannot be overridden through the config (pg reads it when the value is falsy).
    const inner = client as unknown as ClientInternals;
    inner.replication = undefined;
    inner.connectionParameters.replication = undefined;
    const swallow = (): void => undefined;
    client.on('error', swallow);
    try {
      await client.connect();
    } catch (e) {
      client.end().catch(swallow);
      throw fromPgError(e, contextOf(target));
    }
    client.removeListener('error', swallow);
    const session = new PgSession(client, target, inner.processID ?? 0, inner.secretKey ?? 0);
    // PG 14+ on Linux: a backend whose client vanished (our cancel watchdog cuts the socket) stops
    // its query within 2 s instead of running on. Older or other servers refuse it; that is fine.
    await session
      .query(`SELECT set_config('client_connection_check_interval', '2000', false) WHERE current_setting('server_version_num')::int >= 140000`)
      .catch(() => undefined);
    // No JIT: the planner guesses 100 rows per JSON set-returning function, so the nested jsonb
    // expansions of OpenLineage's column lineage look like 10^10-row queries and JIT compiling
    // took 2.4 s of a walk that runs in 40 ms. Our queries are bounded pages; none gains from JIT.
    await session
      .query(`SELECT set_config('jit', 'off', false) WHERE current_setting('server_version_num')::int >= 110000`)
      .catch(() => undefined);
    return session;
  }

  /** False once the connection has ended or was cut by a cancel; open a new session then. */
  public get alive(): boolean {
    return !this.dead;
  }

  /** Runs one statement with bound parameters in its own read-only transaction. */
  public query(sql: string, params: readonly unknown[] = [], options: RunOptions = {}): Promise<PgRows> {
    return this.transaction(async (c) => {
      const config = { text: sql, values: [...params], rowMode: 'array' as const, queryMode: 'extended' as const };
      const res = await c.query<unknown[]>(config);
      return { fields: res.fields.map((f) => f.name), rows: res.rows };
    }, options);
  }

  /**
   * Runs a query through a cursor and returns only its first `maxRows` rows, so the server never
   * sends more. `DECLARE … CURSOR FOR` accepts nothing but a query, which is a guard of its own.
   */
  public fetch(sql: string, params: readonly unknown[], maxRows: number, options: RunOptions = {}): Promise<PgRows> {
    const n = Math.max(0, Math.floor(maxRows));
    return this.transaction(async (c) => {
      await c.query({ text: `DECLARE auditlens_rows NO SCROLL CURSOR FOR ${sql}`, values: [...params], queryMode: 'extended' } as pg.QueryConfig);
      const config = { text: `FETCH FORWARD ${n} FROM auditlens_rows`, rowMode: 'array' as const, queryMode: 'extended' as const };
      const res = await c.query<unknown[]>(config);
      return { fields: res.fields.map((f) => f.name), rows: res.rows };
    }, options);
  }

  /**
   * Runs a statement a user typed (the SQL console) in its own read-only transaction and hands
   * the rows of the window to `w.onRow`; the rows after it are never sent (see window-query.ts).
   */
  public window(sql: string, w: WindowSpec, options: RunOptions = {}): Promise<WindowOutcome> {
    return this.transaction(async (c) => {
      const out = await runWindow(c, sql, w);
      // Some writes pass a read-only transaction (lo_create on Postgres 15): any write takes a
      // transaction id, so one assigned here means the statement wrote, and throwing rolls it back.
      const wrote = await c.query<[boolean]>({ text: 'SELECT txid_current_if_assigned() IS NOT NULL', rowMode: 'array' });
      if (wrote.rows[0]?.[0] === true) {
        throw new AuditlensError('unsupported', CONSOLE_WROTE);
      }
      return out;
    }, options);
  }

  /**
   * Runs a `COPY … TO STDOUT` statement in a read-only transaction and hands its byte stream to
   * `consume`; the transaction commits once `consume` resolves. If `consume` fails mid-stream the
   * socket is cut rather than rolled back: the copy stream has taken over the connection, and a
   * ROLLBACK queued behind unread COPY data would wait forever. Use a session of its own.
   */
  public copyOut<T>(sql: string, consume: (stream: Readable) => Promise<T>, options: RunOptions = {}): Promise<T> {
    return this.transaction(async (c) => {
      try {
        return await consume(c.query(new CopyOutStream(sql)));
      } catch (e) {
        this.destroy();
        throw e;
      }
    }, options);
  }

  /**
   * Asks the server to cancel whatever this session is running. If the statement is still running
   * after two seconds, the socket is cut: the server then stops the query when it next writes or
   * checks for the client, and this session is discarded. Returns false when nothing was running.
   */
  public async cancel(): Promise<boolean> {
    const state = this.running;
    if (!state || this.dead) {
      return false;
    }
    state.cancelRequested = true;
    const watchdog = setTimeout(() => {
      if (this.running === state) {
        this.destroy();
      }
    }, CANCEL_GRACE_MS);
    watchdog.unref();
    await sendCancelRequest(this.target, this.pid, this.secretKey);
    return true;
  }

  /** What this login could change if a statement ever escaped the read-only transaction. */
  public async writeRisk(): Promise<WriteRisk> {
    const su = await this.query('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
    const roles = await this.query(
      `SELECT rolname FROM pg_roles
        WHERE rolname IN ('pg_write_all_data', 'pg_read_server_files', 'pg_write_server_files', 'pg_execute_server_program')
          AND pg_has_role(current_user, oid, 'MEMBER') ORDER BY rolname`,
    );
    const tables = await this.query(
      `SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'f', 'm')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
          AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
          AND has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')
        ORDER BY 1, 2`,
    );
    return {
      superuser: su.rows[0]?.[0] === true,
      writableTables: tables.rows.map((r) => `${String(r[0])}.${String(r[1])}`),
      powerfulRoles: roles.rows.map((r) => String(r[0])),
    };
  }

  /** Ends the session; a session stuck on a dead network is cut after a short wait. */
  public async close(): Promise<void> {
    if (this.dead) {
      return;
    }
    this.dead = true;
    const ended = this.client.end().catch(() => undefined);
    const timer = new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref());
    await Promise.race([ended, timer]);
    this.destroy();
  }

  private destroy(): void {
    this.dead = true;
    (this.client as unknown as ClientInternals).connection.stream.destroy();
  }

  private transaction<T>(fn: (c: pg.Client) => Promise<T>, options: RunOptions): Promise<T> {
    const run = async (): Promise<T> => {
      if (options.signal?.aborted) {
        throw new AuditlensError('cancelled', 'The query was cancelled.');
      }
      if (this.dead) {
        throw new AuditlensError('io', `The connection to ${whereOf(contextOf(this.target))} was closed; open the store again.`);
      }
      const state = { cancelRequested: false };
      this.running = state;
      const onAbort = (): void => void this.cancel();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        await this.client.query(beginSql(options));
        try {
          const result = await fn(this.client);
          await this.client.query('COMMIT');
          return result;
        } catch (e) {
          await this.client.query('ROLLBACK').catch(() => this.destroy());
          throw e;
        }
      } catch (e) {
        if (state.cancelRequested) {
          throw new AuditlensError('cancelled', 'The query was cancelled.');
        }
        throw fromPgError(e, contextOf(this.target));
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
        this.running = null;
      }
    };
    const p = this.tail.then(run, run);
    this.tail = p.catch(() => undefined);
    return p;
  }
}

/** What the console says when a statement wrote despite the read-only transaction. */
export const CONSOLE_WROTE =
  'The SQL console is read-only: this statement changed the database even in a read-only transaction (Postgres gave it a transaction id, which only writes take), so it was rolled back and nothing was changed.';

/** BEGIN READ ONLY with an optional statement limit; our own text, the limit a validated integer. */
function beginSql(o: RunOptions): string {
  const begin = o.snapshot ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN READ ONLY';
  if (o.timeoutMs === undefined) {
    return begin;
  }
  const ms = Math.min(2_147_483_647, Math.max(1, Math.floor(o.timeoutMs)));
  return `${begin}; SET LOCAL statement_timeout = ${ms}`;
}

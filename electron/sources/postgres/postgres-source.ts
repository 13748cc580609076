import os from 'node:os';
import type { PageResult, RowDetail, ValueCounts } from '../../../shared/api/contract';
import { AuditlensError } from '../../../shared/api/result';
import type { Catalog, RowCount, SourceInfo } from '../../../shared/model/catalog';
import { tableLabel } from '../../../shared/model/catalog';
import type { CellValue } from '../../../shared/model/values';
import { postgresDialect as d } from '../../../shared/query/dialect';
import type { Plan } from '../../../shared/query/plan';
import {
  compileCappedCount, compileCount, compilePage, compileRowByKey, compileValueCounts, uniqueKeyPositions,
} from '../../../shared/query/sql';
import type { SqlText, ValueOrder } from '../../../shared/query/sql';
import { AnchorCache } from '../anchor-cache';
import { withCatalogOrClose } from '../checked-open';
import { countTables } from '../count-tables';
import type { ConsoleRequest, ConsoleRows, Source, SourceExportRequest } from '../source';
import { consoleExportRows, consoleSessionQuery } from './console-query';
import type { PgTarget, PickedFiles } from './connection-url';
import { parseConnectionUrl, redactUrl } from './connection-url';
import { exportByCopy } from './copy/copy-export';
import { pgpassPath, readPgpassFile, resolvePassword } from './pg-password';
import type { SessionOptions } from './pg-client-config';
import type { WriteRisk } from './pg-session';
import { PgSession } from './pg-session';
import { toCell } from './pg-values';
import { estimateRows, readCatalog } from './read-catalog';

/** Characters of a text cell sent with a page; the detail panel fetches the whole value. */
const PAGE_TEXT = 2_000;
/** Characters of a text cell in the detail panel. */
const DETAIL_TEXT = 1_000_000;
/** Rows a fallback count tries before saying "at least N". */
const FALLBACK_CAP = 1_000;

/** How to open a Postgres store. */
export interface PostgresOpenOptions {
  /** A password typed in the connection form; it wins over the URL's. */
  readonly password?: string | undefined;
  /** TLS files picked in the form (the URL may not name files). */
  readonly pickedFiles?: PickedFiles | undefined;
  /** Fall back to `PGPASSWORD` and `~/.pgpass` when no password was given (default true: CLI and browser mode). */
  readonly passwordFallbacks?: boolean | undefined;
  /** The environment for those fallbacks (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly session?: SessionOptions | undefined;
  /** Only these schemas are listed (every user schema when empty or absent). */
  readonly schemas?: readonly string[] | undefined;
}

/** A parsed int8 or count as a JS number (counts beyond 2^53 lose digits, which a count can afford). */
function asNumber(v: unknown): number {
  if (typeof v === 'number') {
    return v;
  }
  if (typeof v === 'object' && v !== null && 't' in v && (v).t === 'int') {
    return Number((v as unknown as { v: string }).v);
  }
  return Number(v ?? 0);
}

/** A parsed key value as a bindable parameter; not ok when it cannot be bound back (a bytea preview). */
function bindable(v: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof v === 'object' && v !== null && 't' in v) {
    const cell = v as Exclude<CellValue, string | number | boolean | null>;
    return cell.t === 'int' ? { ok: true, value: cell.v } : { ok: false };
  }
  return { ok: true, value: v };
}


function isTimeout(e: unknown): boolean {
  return e instanceof AuditlensError && e.code === 'timeout';
}

function osUser(): string | undefined {
  try {
    return os.userInfo().username;
  } catch {
    return undefined;
  }
}

/**
 * A Postgres database read through read-only sessions: one for what the user waits on (pages,
 * rows, the catalog), one for slow background work (counts, value lists), and one per export,
 * so a long count never delays scrolling. Tables with a primary key page by keyset anchors, as
 * SQLite's do; tables without one page by OFFSET.
 */
export class PostgresSource implements Source {
  public readonly info: SourceInfo;
  public readonly dialect = d;
  private readonly anchors = new AnchorCache();
  private readonly sessions: { fast: Promise<PgSession> | null; slow: Promise<PgSession> | null; console: Promise<PgSession> | null };
  private catalogCache: Catalog | null = null;
  private closed = false;

  private constructor(
    /** Where to connect, without the URL's password (so inspecting a source never shows it). */
    private readonly target: PgTarget,
    /** A function rather than a field, for the same reason. */
    private readonly password: () => string | null,
    private readonly sessionOptions: SessionOptions,
    fast: PgSession,
    private readonly schemas: readonly string[] = [],
  ) {
    const where = target.host.startsWith('/') ? 'local socket' : target.host;
    this.info = { kind: 'postgres', location: redactUrl(target), title: `${target.database} on ${where}` };
    this.sessions = { fast: Promise.resolve(fast), slow: null, console: null };
  }

  /** Parses the URL, connects read-only and reads the catalog, or throws a typed error. */
  public static async open(location: string, options: PostgresOpenOptions = {}): Promise<PostgresSource> {
    const target = parseConnectionUrl(location, options.pickedFiles ?? {}, { user: osUser() });
    const fallbacks = options.passwordFallbacks ?? true;
    const env = fallbacks ? (options.env ?? process.env) : {};
    const needFile = fallbacks && options.password === undefined && target.password === null && !env.PGPASSWORD;
    const pgpassText = needFile ? readPgpassFile(pgpassPath(env, os.homedir())) : null;
    const { password } = resolvePassword(target, options.password, env, pgpassText);
    const sessionOptions = options.session ?? {};
    const bare: PgTarget = { ...target, password: null };
    const fast = await PgSession.connect(bare, password, sessionOptions);
    const source = new PostgresSource(bare, () => password, sessionOptions, fast, options.schemas ?? []);
    return withCatalogOrClose(source);
  }

  public async catalog(): Promise<Catalog> {
    if (!this.catalogCache) {
      const { tables, problems } = await readCatalog(await this.use('fast'));
      const shown = this.schemas.length === 0 ? tables : tables.filter((t) => t.schema !== null && this.schemas.includes(t.schema));
      this.catalogCache = { source: this.info, tables: shown, problems };
    }
    return this.catalogCache;
  }

  /** What this login could change; the app shows a warning when it is more than nothing. */
  public async writeRisk(): Promise<WriteRisk> {
    return (await this.use('fast')).writeRisk();
  }

  public async rowCounts(budgetMs: number, signal?: AbortSignal): Promise<Record<string, RowCount | null>> {
    return countTables(await this.catalog(), (plan, budget, sig) => this.count(plan, budget, sig), budgetMs, signal);
  }

  public async page(plan: Plan, startRow: number, limit: number, signal?: AbortSignal): Promise<PageResult> {
    const started = performance.now();
    const seek = this.anchors.seek(plan, startRow);
    const sql = compilePage(plan, d, { after: seek.after, offset: seek.offset, limit });
    const res = await (await this.use('fast')).query(sql.sql, sql.params, { signal });
    const width = plan.columns.length;
    const positions = uniqueKeyPositions(plan);
    const last = res.rows[res.rows.length - 1];
    if (plan.keyset && last) {
      const key = last.slice(width).map(bindable);
      if (key.every((k) => k.ok)) {
        this.anchors.remember(plan, startRow + res.rows.length, key.map((k) => (k.ok ? k.value : null)));
      }
    }
    return {
      columns: plan.columns.map((c) => c.name),
      rows: res.rows.map((r) => r.slice(0, width).map((v) => toCell(v, PAGE_TEXT))),
      keys: res.rows.map((r) => positions.map((p) => toCell(r[width + p], DETAIL_TEXT))),
      lastRow: res.rows.length < limit ? startRow + res.rows.length : null,
      tookMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }

  /**
   * Counts exactly within `budgetMs` (a server-side `SET LOCAL statement_timeout`). When that runs
   * out, an unfiltered table answers with the planner's estimate and anything else with a count
   * capped at 1,000 rows, both marked not exact.
   */
  public async count(plan: Plan, budgetMs: number, signal?: AbortSignal): Promise<RowCount> {
    const s = await this.use('slow');
    const exact = compileCount(plan, d);
    try {
      const res = await s.query(exact.sql, exact.params, { timeoutMs: budgetMs, signal });
      return { value: asNumber(res.rows[0]?.[0]), exact: true };
    } catch (e) {
      if (!isTimeout(e)) {
        throw e;
      }
    }
    if (plan.filters.length === 0 && plan.table.kind === 'table') {
      const estimate = await estimateRows(s, plan.table.schema ?? 'public', plan.table.name, signal);
      if (estimate !== null) {
        return { value: estimate, exact: false };
      }
    }
    const capped = compileCappedCount(plan, d, FALLBACK_CAP);
    try {
      const res = await s.query(capped.sql, capped.params, { timeoutMs: Math.min(budgetMs, 1_000), signal });
      const value = asNumber(res.rows[0]?.[0]);
      return { value, exact: value < FALLBACK_CAP };
    } catch (e) {
      if (isTimeout(e)) {
        return { value: 0, exact: false };
      }
      throw e;
    }
  }

  public async values(plan: Plan, column: string, limit: number, order: ValueOrder = 'count'): Promise<ValueCounts> {
    if (!plan.table.columns.some((c) => c.name === column)) {
      throw new AuditlensError('unknown-column', `The table ${tableLabel(plan.table)} has no column named "${column}".`);
    }
    const sql = compileValueCounts(plan, column, d, limit, order);
    const res = await (await this.use('slow')).query(sql.sql, sql.params, { timeoutMs: 5_000 });
    return {
      values: res.rows.slice(0, limit).map((r) => ({ value: toCell(r[0], 200), count: asNumber(r[1]) })),
      complete: res.rows.length <= limit,
    };
  }

  public async row(plan: Plan, key: readonly CellValue[]): Promise<RowDetail> {
    if (!plan.keyset) {
      throw new AuditlensError('unsupported', `Rows of ${tableLabel(plan.table)} have no primary key, so they cannot be opened one by one.`);
    }
    const values = key.map((k) => {
      const b = bindable(k);
      if (!b.ok) {
        throw new AuditlensError('bad-input', 'Only numbers and text can identify a row.');
      }
      return b.value;
    });
    const sql = compileRowByKey(plan, d, values);
    const res = await (await this.use('fast')).query(sql.sql, sql.params);
    const row = res.rows[0];
    if (!row) {
      throw new AuditlensError('not-found', 'That row is no longer in the store.');
    }
    return { columns: plan.table.columns.map((c) => c.name), row: row.map((v) => toCell(v, DETAIL_TEXT)) };
  }

  /**
   * Runs a query compiled by our own code (never user text) and returns at most `maxRows` rows:
   * through `DECLARE … CURSOR FOR` + `FETCH`, which reads only those rows and accepts only a query.
   */
  public async rows(sql: SqlText, maxRows: number, signal?: AbortSignal): Promise<CellValue[][]> {
    const res = await (await this.use('slow')).fetch(sql.sql, sql.params, maxRows, { signal });
    return res.rows.map((r) => r.map((v) => toCell(v, PAGE_TEXT)));
  }

  /** The CSV export, through COPY on a session of its own (see `exportByCopy`). */
  public async exportCsv(r: SourceExportRequest): Promise<{ rows: number; bytes: number; sql: string; params: readonly unknown[] }> {
    return exportByCopy(r, () => PgSession.connect(this.target, this.password(), this.sessionOptions));
  }

  /** A console statement, on a session of its own: what it sets for its session never reaches the views' sessions. */
  public async consoleQuery(r: ConsoleRequest, signal?: AbortSignal): Promise<ConsoleRows> {
    return consoleSessionQuery(await this.use('console'), r, signal);
  }

  /** A console statement's rows as CSV, on a session of its own like every export. */
  public async consoleExport(sql: string, r: Omit<SourceExportRequest, 'plan'>): Promise<{ rows: number; bytes: number; columns: readonly string[] }> {
    return consoleExportRows(sql, r, () => PgSession.connect(this.target, this.password(), this.sessionOptions));
  }

  public async close(): Promise<void> {
    this.closed = true;
    const all = [this.sessions.fast, this.sessions.slow, this.sessions.console];
    this.sessions.fast = null;
    this.sessions.slow = null;
    this.sessions.console = null;
    await Promise.all(all.map(async (p) => (p ? (await p.catch(() => null))?.close() : undefined)));
  }

  /** The session of that kind, reconnected if a cancel had to cut its socket. */
  private async use(kind: 'fast' | 'slow' | 'console'): Promise<PgSession> {
    const current = this.sessions[kind];
    if (current) {
      const s = await current.catch(() => null);
      if (s && s.alive) {
        return s;
      }
      if (this.sessions[kind] !== current) {
        return this.use(kind); // another call is already reconnecting
      }
    }
    if (this.closed) {
      throw new AuditlensError('not-found', 'That store was closed; open it again.');
    }
    const next = PgSession.connect(this.target, this.password(), this.sessionOptions);
    this.sessions[kind] = next;
    return next;
  }
}


/**
 * The SQL console on Postgres: a statement a user typed runs alone in a `BEGIN READ ONLY`
 * transaction with `SET LOCAL statement_timeout`, through the extended protocol (one statement
 * only), after the leading-keyword check that keeps out what a read-only transaction lets through
 * (COPY to files or programs, LOAD, session settings). Writes inside a query are refused by the
 * server (25006), and every refusal is a typed error with a sentence.
 */
import fs from 'node:fs';
import { AuditlensError } from '../../../shared/api/result';
import type { CellValue } from '../../../shared/model/values';
import { ONE_STATEMENT, postgresConsoleRefusal } from '../../../shared/query/console-sql';
import { UTF8_BOM, formatRecord, makeCellFormatter } from '../../csv/csv-format';
import { writeFully } from '../sqlite/export/write-fully';
import type { ConsoleRequest, ConsoleRows, SourceExportRequest } from '../source';
import type { PgSession } from './pg-session';
import { toCell } from './pg-values';

/** Characters of a text cell sent with a console page, as with table pages. */
const PAGE_TEXT = 2_000;
/** Server-side limit of a console export: user-started, shown with progress, cancellable. */
const EXPORT_MS = 24 * 3_600_000;
/** Every value as the server's own text, as COPY … CSV would write it (bytea as `\x…`, int8 whole). */
const AS_TEXT = { getTypeParser: () => (text: string): string => text };

/** Throws the refusal sentence when the statement may not be sent at all. */
function check(sql: string): void {
  const refusal = postgresConsoleRefusal(sql);
  if (refusal !== null) {
    throw new AuditlensError('unsupported', refusal);
  }
}

/** Says "one statement at a time" for the server's multi-statement refusal; passes other errors on. */
function oneStatement(e: unknown): never {
  if (e instanceof AuditlensError && /multiple commands/i.test(e.message)) {
    throw new AuditlensError('bad-input', ONE_STATEMENT);
  }
  throw e;
}

/** Runs a console statement on `session` and returns its window of rows. */
export async function consoleSessionQuery(session: PgSession, r: ConsoleRequest, signal?: AbortSignal): Promise<ConsoleRows> {
  check(r.sql);
  const rows: CellValue[][] = [];
  const out = await session
    .window(r.sql, { skip: r.startRow, take: r.limit, onRow: (row) => rows.push(row.map((v) => toCell(v, PAGE_TEXT))) }, { timeoutMs: r.timeoutMs, signal })
    .catch(oneStatement);
  return { columns: out.fields, rows, more: out.more };
}

/** Streams every row of a console statement as CSV into `r.tmpPath` ('-': stdout), on a session of its own. */
export async function consoleExportRows(
  sql: string,
  r: Omit<SourceExportRequest, 'plan'>,
  connect: () => Promise<PgSession>,
): Promise<{ rows: number; bytes: number; columns: readonly string[] }> {
  check(sql);
  const fd = r.tmpPath === '-' ? 1 : fs.openSync(r.tmpPath, r.inPlace === true ? fs.constants.O_WRONLY : 'wx', 0o644);
  const session = await connect().catch((e: unknown) => {
    if (fd !== 1) {
      fs.closeSync(fd);
    }
    throw e;
  });
  const cell = makeCellFormatter(r);
  let rows = 0;
  let bytes = 0;
  let pending: string[] = [];
  let pendingChars = 0;
  let header = false;
  const flush = (): void => {
    const buf = Buffer.from(pending.join(''), 'utf8');
    writeFully(fd, buf);
    bytes += buf.length;
    pending = [];
    pendingChars = 0;
    r.onProgress?.({ rows, bytes });
  };
  const push = (line: string): void => {
    pending.push(line);
    pendingChars += line.length;
    if (pendingChars >= 1 << 20) {
      flush();
    }
  };
  try {
    const out = await session.window(sql, {
      skip: 0,
      take: Number.POSITIVE_INFINITY,
      types: AS_TEXT,
      onFields: (names) => {
        header = true;
        push((r.bom ? UTF8_BOM : '') + formatRecord(names, cell, r));
      },
      onRow: (row) => {
        rows += 1;
        push(formatRecord(row, cell, r));
      },
    }, { timeoutMs: EXPORT_MS, signal: r.signal, snapshot: true }).catch(oneStatement);
    if (!header) {
      push((r.bom ? UTF8_BOM : '') + formatRecord(out.fields, cell, r));
    }
    flush();
    if (fd !== 1 && r.inPlace !== true) {
      fs.fsyncSync(fd);
    }
    return { rows, bytes, columns: out.fields };
  } finally {
    if (fd !== 1) {
      fs.closeSync(fd);
    }
    await session.close();
  }
}

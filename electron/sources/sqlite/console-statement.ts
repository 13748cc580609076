/**
 * The SQL console's statements inside the SQLite worker. SQLite itself decides: `prepare` refuses
 * a second statement, `Statement.readonly` (sqlite3_stmt_readonly) says whether it could change the
 * file, `Statement.reader` whether it returns rows. Only read-only readers run, on the worker's
 * read-only, `query_only` connection, so neither the store nor the connection can change.
 */
import type Database from 'better-sqlite3';
import { AuditlensError } from '../../../shared/api/result';
import { ONE_STATEMENT, SQLITE_NOT_A_QUERY, SQLITE_WRITE_REFUSAL } from '../../../shared/query/console-sql';
import { encodeCell } from './cell-encoding';

/** A console request's window: rows from `startRow`, at most `limit`, and whether more follow. */
export interface ConsoleWindowRequest {
  readonly sql: string;
  readonly startRow: number;
  readonly limit: number;
  readonly maxText: number;
}

/** What the worker answers: the statement's columns and the window's rows. */
export interface ConsoleWindow {
  readonly columns: string[];
  readonly rows: unknown[][];
  readonly more: boolean;
}

/** Prepares a statement a user typed, or throws a typed error with the sentence that says why not. */
export function prepareConsoleStatement(db: Database.Database, sql: string): Database.Statement {
  let stmt: Database.Statement;
  try {
    stmt = db.prepare(sql);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/more than one statement/i.test(message)) {
      throw new AuditlensError('bad-input', ONE_STATEMENT);
    }
    if (/no statements/i.test(message)) {
      throw new AuditlensError('bad-input', 'There is no SQL statement to run.');
    }
    throw e;
  }
  if (!stmt.readonly) {
    throw new AuditlensError('unsupported', SQLITE_WRITE_REFUSAL);
  }
  if (!stmt.reader) {
    throw new AuditlensError('unsupported', SQLITE_NOT_A_QUERY);
  }
  return stmt;
}

/**
 * Runs the statement and keeps only the window's rows: rows before it are stepped over, never
 * held, so a page deep into a million-row result costs time but not memory.
 */
export function consoleWindow(db: Database.Database, r: ConsoleWindowRequest): ConsoleWindow {
  const stmt = prepareConsoleStatement(db, r.sql).raw(true).safeIntegers(true);
  const columns = stmt.columns().map((c) => c.name);
  const rows: unknown[][] = [];
  let seen = 0;
  for (const raw of stmt.iterate() as Iterable<unknown[]>) {
    if (seen >= r.startRow + r.limit) {
      return { columns, rows, more: true };
    }
    if (seen >= r.startRow) {
      rows.push(raw.map((v) => encodeCell(v, r.maxText)));
    }
    seen += 1;
  }
  return { columns, rows, more: false };
}

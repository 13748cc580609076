/**
 * What the SQL console needs to know about a statement before a store runs it. The engines decide
 * what a statement does (SQLite: `sqlite3_stmt_readonly`; Postgres: the read-only transaction);
 * this only reads the leading keyword, which Postgres needs because a read-only transaction still
 * lets `COPY … TO PROGRAM`, `LOAD` or session settings through.
 */

/** Leading keywords of statements that only read: queries and their plans, and `SHOW`. */
export const QUERY_KEYWORDS: readonly string[] = ['SELECT', 'WITH', 'VALUES', 'TABLE', 'EXPLAIN', 'SHOW'];

/**
 * The statement's first keyword in upper case, skipping blanks, `--` and nested block comments
 * and opening parentheses; null when the text holds no keyword.
 */
export function leadingKeyword(sql: string): string | null {
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i] ?? '';
    if (/\s/.test(c) || c === '(') {
      i += 1;
    } else if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
    } else if (sql.startsWith('/*', i)) {
      i = afterBlockComment(sql, i);
    } else {
      const m = /^[A-Za-z_]+/.exec(sql.slice(i, i + 64));
      return m ? m[0].toUpperCase() : null;
    }
  }
  return null;
}

/** The index after a `/* … *\/` comment that starts at `start` (Postgres nests them). */
function afterBlockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth += 1;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) {
        return i;
      }
    } else {
      i += 1;
    }
  }
  return sql.length;
}

/**
 * Null when the statement may go to Postgres, else the sentence that says why not. Writes hidden
 * inside a query (a data-modifying WITH, `lo_create()`, `nextval()`) are left to the server, whose
 * read-only transaction refuses them.
 */
export function postgresConsoleRefusal(sql: string): string | null {
  const word = leadingKeyword(sql);
  if (word === null) {
    return 'There is no SQL statement to run.';
  }
  if (QUERY_KEYWORDS.includes(word)) {
    return null;
  }
  return `The SQL console is read-only and runs queries only (${QUERY_KEYWORDS.join(', ')}); a ${word} statement was not sent to the store, which was not changed.`;
}

/** The sentence for a statement SQLite says would change the store (sqlite3_stmt_readonly is false). */
export const SQLITE_WRITE_REFUSAL =
  'The SQL console is read-only: SQLite says this statement would change the store, so it was not run and the store was not changed.';

/** The sentence for a statement that only changes the connection (ATTACH, BEGIN, PRAGMA settings). */
export const SQLITE_NOT_A_QUERY =
  'The SQL console runs queries that return rows; this statement (ATTACH, DETACH, BEGIN, a PRAGMA setting or the like) would change the connection, so it was not run. The store was not changed.';

/** The sentence for more than one statement in one run. */
export const ONE_STATEMENT = 'The SQL console runs one statement at a time; remove everything after the first statement, or run them one by one.';

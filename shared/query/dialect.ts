import { AuditlensError } from '../api/result';
import type { ColumnFamily } from '../model/catalog';
import type { AppFunction } from '../model/relation';

/** The parts of SQL that differ between the engines we query. */
export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /** Quotes an identifier that came from the catalog. */
  quote(identifier: string): string;
  /** The placeholder for the n-th (1-based) bound parameter. */
  placeholder(n: number): string;
  /** A case-insensitive LIKE test of an expression against a bound pattern (with `\` as escape). */
  ilike(expr: string, placeholder: string, family: ColumnFamily): string;
  /** A test for "no value": NULL, plus the empty string where the type can hold one. */
  isEmpty(expr: string, family: ColumnFamily): string;
  /** The ORDER BY suffix that makes NULL the smallest value. */
  nullsOrder(desc: boolean): string;
  /** The type name of an 8-byte floating point number (durations in seconds). */
  readonly doubleType: string;
  /** Seconds from one timestamp expression to another (NULL when either is NULL or unparsable). */
  secondsBetween(from: string, to: string): string;
  /** The text of one top-level key of a JSON document held in a text or JSON column (NULL if absent or not JSON). */
  jsonText(expr: string, key: string): string;
  /** A call of one of Auditlens's own SQL functions, where the engine has it. */
  appFunction(fn: AppFunction, expr: string): string;
}

/** Quotes an identifier with double quotes, doubling any inside: valid in SQLite and Postgres. */
export function quoteIdent(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/** SQLite: `?` parameters, LIKE is case-insensitive for ASCII, NULLs sort first ascending by default. */
export const sqliteDialect: Dialect = {
  name: 'sqlite',
  quote: quoteIdent,
  placeholder: () => '?',
  ilike: (expr, ph) => `${expr} LIKE ${ph} ESCAPE '\\'`,
  isEmpty: (expr) => `(${expr} IS NULL OR ${expr} = '')`,
  nullsOrder: () => '',
  doubleType: 'REAL',
  // julianday arithmetic carries float error; milliseconds are the precision of the inputs.
  secondsBetween: (from, to) => `round((julianday(${to}) - julianday(${from})) * 86400.0, 3)`,
  // json_valid first: Fivetran's message_data holds non-JSON text too, and json_extract would fail.
  jsonText: (expr, key) => `(CASE WHEN json_valid(${expr}) THEN json_extract(${expr}, '$.' || ${sqlLiteral(JSON.stringify(key))}) END)`,
  appFunction: (fn, expr) => (fn === 'inflate' ? `auditlens_inflate(${expr})` : `auditlens_ddeutil_status(${expr})`),
};

/** Families whose Postgres values are text already; every other family is cast to text for LIKE. */
const PG_TEXTUAL: ReadonlySet<ColumnFamily> = new Set<ColumnFamily>(['text']);

/** Postgres: `$n` parameters, ILIKE on the text form, explicit NULLS FIRST/LAST to match SQLite's order. */
export const postgresDialect: Dialect = {
  name: 'postgres',
  quote: quoteIdent,
  placeholder: (n) => `$${n}`,
  ilike: (expr, ph, family) => `${PG_TEXTUAL.has(family) ? expr : `CAST(${expr} AS text)`} ILIKE ${ph} ESCAPE '\\'`,
  isEmpty: (expr, family) => (PG_TEXTUAL.has(family) || family === 'other' ? `(${expr} IS NULL OR CAST(${expr} AS text) = '')` : `(${expr} IS NULL)`),
  nullsOrder: (desc) => (desc ? ' NULLS LAST' : ' NULLS FIRST'),
  doubleType: 'double precision',
  secondsBetween: (from, to) => `CAST(EXTRACT(EPOCH FROM (CAST(${to} AS timestamptz) - CAST(${from} AS timestamptz))) AS double precision)`,
  jsonText: (expr, key) => `(CASE WHEN CAST(${expr} AS text) ~ '^\\s*[{]' THEN CAST(${expr} AS text)::jsonb ->> ${sqlLiteral(key)} END)`,
  appFunction: (fn) => {
    throw new AuditlensError('unsupported', `Auditlens's ${fn} function exists only for SQLite stores.`);
  },
};

function sqlLiteral(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Escapes LIKE wildcards so user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (m) => `\\${m}`);
}

import { AuditlensError } from '../api/result';
import type { NaiveTimePolicy } from '../model/audit-model';
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
  /**
   * A FROM item (after a comma or a LEFT JOIN) giving one row per entry of the JSON object (or,
   * with `array`, the elements of the array) at the key path `path` of the document `expr`, as
   * columns `key` and `value` (an array's key is the element's position); no rows when it is not one.
   */
  jsonEach(expr: string, path: readonly string[], array?: boolean): string;
  /** A call of one of Auditlens's own SQL functions, where the engine has it. */
  appFunction(fn: AppFunction, expr: string): string;
  /**
   * Epoch milliseconds of a timestamp expression, NULL when it does not parse as one. Values with
   * an offset keep it; naive ones are UTC or local time (`zone`, an IANA name) per the format's
   * policy. Numbers are epoch seconds, or milliseconds when too large to be seconds. Whole
   * milliseconds on both engines. `expr` appears several times: a column or a literal, never a `?`.
   */
  epochMs(expr: string, family: ColumnFamily, naive: NaiveTimePolicy, zone: string): string;
  /**
   * The 0-based bucket of epoch milliseconds `ms` among buckets of `width` ms starting at `origin`
   * (three SQL expressions); values before the origin fall in bucket 0, as a bar that starts
   * before a time window is drawn from its left edge. Each argument may appear more than once:
   * columns or number literals, never a `?`.
   */
  timeBucket(ms: string, origin: string, width: string): string;
}

/** Above this an epoch number is taken as milliseconds (1e11 s is the year 5138). */
const EPOCH_MS_ABOVE = 100_000_000_000;

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
  jsonEach: (expr, path, array = false) => {
    const where = sqlLiteral(`$${path.map((k) => `.${JSON.stringify(k)}`).join('')}`);
    return `json_each(CASE WHEN json_valid(${expr}) AND json_type(${expr}, ${where}) = '${array ? 'array' : 'object'}' THEN json_extract(${expr}, ${where}) END) AS "each"`;
  },
  appFunction: (fn, expr) => (fn === 'inflate' ? `auditlens_inflate(${expr})` : `auditlens_ddeutil_status(${expr})`),
  // The GLOB keeps numbers written as text from being read as Julian day numbers; 'utc' reads a
  // naive value as the machine's local time and leaves values with an offset as they are.
  epochMs: (expr, _family, naive) => `(CASE typeof(${expr}) WHEN 'text' THEN (CASE WHEN ${expr} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN unixepoch(${expr}${naive === 'local' ? ", 'utc'" : ''}, 'subsec') * 1000.0 END)`
    + ` WHEN 'integer' THEN (CASE WHEN abs(${expr}) > ${EPOCH_MS_ABOVE} THEN ${expr} * 1.0 ELSE ${expr} * 1000.0 END)`
    + ` WHEN 'real' THEN (CASE WHEN abs(${expr}) > ${EPOCH_MS_ABOVE} THEN ${expr} ELSE ${expr} * 1000.0 END) END)`,
  timeBucket: (ms, origin, width) => `CAST((max(${ms}, ${origin}) - ${origin}) / ${width} AS INTEGER)`,
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
  jsonEach: (expr, path, array = false) => {
    const doc = `(CASE WHEN CAST(${expr} AS text) ~ '^\\s*[{]' THEN CAST(${expr} AS text)::jsonb${path.map((k) => ` -> ${sqlLiteral(k)}`).join('')} END)`;
    return array
      ? `LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(${doc}) = 'array' THEN ${doc} ELSE '[]'::jsonb END) WITH ORDINALITY AS "each"(value, key)`
      : `LATERAL jsonb_each(CASE WHEN jsonb_typeof(${doc}) = 'object' THEN ${doc} ELSE '{}'::jsonb END) AS "each"`;
  },
  appFunction: (fn) => {
    throw new AuditlensError('unsupported', `Auditlens's ${fn} function exists only for SQLite stores.`);
  },
  epochMs: (expr, family, naive, zone) => {
    if (family === 'integer' || family === 'real') {
      return `(CASE WHEN abs(${expr}) > ${EPOCH_MS_ABOVE} THEN CAST(${expr} AS double precision) ELSE CAST(${expr} AS double precision) * 1000 END)`;
    }
    // Through the text form, so timestamp, timestamptz and text columns read alike; the shape
    // check keeps a cast of garbage from failing the whole query.
    const t = `CAST(${expr} AS text)`;
    const tz = sqlLiteral(naive === 'local' ? zone : 'UTC');
    return `(CASE WHEN ${t} ~ '^\\d{4}-\\d{2}-\\d{2}([ T]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?(Z|[+-]\\d{2}(:?\\d{2})?)?$' THEN floor(EXTRACT(EPOCH FROM (CASE WHEN ${t} ~ ':\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}(:?\\d{2})?)$' THEN CAST(${t} AS timestamptz) ELSE CAST(${t} AS timestamp) AT TIME ZONE ${tz} END)) * 1000) END)`;
  },
  timeBucket: (ms, origin, width) => {
    // Parameters arrive untyped; spelled out as doubles they never resolve to text arithmetic.
    const [o, w] = [`CAST(${origin} AS double precision)`, `CAST(${width} AS double precision)`];
    return `CAST(floor((greatest(CAST(${ms} AS double precision), ${o}) - ${o}) / ${w}) AS bigint)`;
  },
};

function sqlLiteral(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Escapes LIKE wildcards so user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/**
 * The lineage edges of a format as one relation `e`, whatever the store calls them: each mapping
 * (an edge table, operations' input tables, OpenLineage inputs and outputs) becomes a SELECT of
 * the same columns, and the SELECTs are joined with UNION ALL. Node ids are computed here, so the
 * walk compares one text column per end.
 */
import type { LineageEnd, LineageMapping, NaiveTimePolicy } from '../model/audit-model';
import type { ColumnFamily } from '../model/catalog';
import type { DerivedRelation, RelExpr } from '../model/relation';
import type { Dialect } from './dialect';
import { compileRelation } from './relation';
import type { Params } from './sql';

/** A mapping with the families of its validity columns (from the catalog), which `epochMs` needs. */
export interface EdgeSource {
  readonly mapping: LineageMapping;
  readonly validFromFamily: ColumnFamily;
  readonly validToFamily: ColumnFamily;
}

/** Table level (column edges projected onto their tables) or column level (column edges only). */
export type LineageLevel = 'table' | 'column';

/** Which edges count: the level, the time they held at, and the run that recorded them. */
export interface EdgeFilter {
  readonly level: LineageLevel;
  readonly naive: NaiveTimePolicy;
  readonly zone: string;
  /** Edges that held at this instant (created at or before, not yet invalidated); null: no time filter. */
  readonly asOfMs: number | null;
  /** Without `asOfMs`: edges not invalidated by this instant (the graph as it stands); null: every edge. */
  readonly nowMs: number | null;
  /** Only edges this run or session recorded. */
  readonly run: string | null;
}

/** The columns of `e`, in order. */
export const EDGE_COLUMNS = [
  's', 's_name', 's_ns', 's_type', 's_tab', 't', 't_name', 't_ns', 't_type', 't_tab',
  'rel', 'tt', 'tsub', 'tdesc', 'via', 'rb', 'vf', 'vt',
] as const;

const colOr = (name: string | undefined): RelExpr => (name === undefined ? { k: 'null' } : { k: 'col', name });
const text = (name: string | undefined): RelExpr => ({ k: 'text', e: colOr(name) });

/** The raw columns of one mapping, renamed to short fixed names. */
function rawRelation(m: LineageMapping, src: EdgeSource): DerivedRelation {
  const end = (p: string, e: LineageEnd) => [
    { name: `${p}n`, expr: text(e.name), family: 'text' as const },
    { name: `${p}ns`, expr: text(e.namespace), family: 'text' as const },
    { name: `${p}ty`, expr: text(e.type), family: 'text' as const },
    { name: `${p}c`, expr: text(e.column), family: 'text' as const },
  ];
  return {
    base: m.relation ?? m.table,
    columns: [
      ...end('s', m.source), ...end('t', m.target),
      { name: 'rel', expr: text(m.relationship), family: 'text' },
      { name: 'tt', expr: text(m.transformation?.type), family: 'text' },
      { name: 'tsub', expr: text(m.transformation?.subtype), family: 'text' },
      { name: 'tdesc', expr: text(m.transformation?.description), family: 'text' },
      { name: 'via', expr: text(m.via), family: 'text' },
      { name: 'rb', expr: text(m.recordedBy), family: 'text' },
      { name: 'vf', expr: colOr(m.validFrom), family: src.validFromFamily },
      { name: 'vt', expr: colOr(m.validTo), family: src.validToFamily },
    ],
  };
}

/** One mapping as a SELECT of the `e` columns. */
function mappingSelect(src: EdgeSource, f: EdgeFilter, d: Dialect): string {
  const m = src.mapping;
  const raw = (c: string): string => `x.${d.quote(c)}`;
  const listed = (p: 's' | 't'): boolean => m[p === 's' ? 'source' : 'target'].list === true;
  // A listed name is read from its expansion `ls` / `lt` instead of the raw column.
  const x = (c: string): string => (c === 'sn' && listed('s') ? listValue('ls', d) : c === 'tn' && listed('t') ? listValue('lt', d) : raw(c));
  const tableId = (p: string): string => (m.bareNames || m[p === 's' ? 'source' : 'target'].namespace === undefined
    ? x(`${p}n`)
    : `(CASE WHEN ${x(`${p}ns`)} IS NULL OR ${x(`${p}ns`)} = '' THEN ${x(`${p}n`)} ELSE ${x(`${p}ns`)} || '.' || ${x(`${p}n`)} END)`);
  const ends = ['s', 't'].flatMap((p) => {
    const tab = tableId(p);
    return f.level === 'column'
      ? [`${tab} || '.' || ${x(`${p}c`)}`, x(`${p}c`), x(`${p}ns`), `'COLUMN'`, tab]
      // A column edge projected onto its table says nothing of the table's kind.
      : [tab, x(`${p}n`), x(`${p}ns`), `(CASE WHEN ${x(`${p}c`)} IS NULL THEN ${x(`${p}ty`)} END)`, 'NULL'];
  });
  // Times stay as stored until a filter or an output row needs them in ms (see `edgeMs`): parsing
  // every edge's timestamp is most of the cost of the walk on Postgres.
  const stored = (c: 'vf' | 'vt', fam: ColumnFamily): string => {
    if (m[c === 'vf' ? 'validFrom' : 'validTo'] === undefined) {
      return d.name === 'sqlite' ? 'NULL' : 'CAST(NULL AS TEXT)';
    }
    if (d.name === 'sqlite') {
      return x(c);
    }
    return fam === 'integer' || fam === 'real'
      ? `to_char(to_timestamp(${d.epochMs(x(c), fam, f.naive, f.zone)} / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
      : `CAST(${x(c)} AS TEXT)`;
  };
  // A column edge projected onto its tables is no DIRECT or INDIRECT dependency of the tables.
  const kind = (c: string): string => (f.level === 'column' ? x(c) : `(CASE WHEN ${x('sc')} IS NULL THEN ${x(c)} END)`);
  const cols = [...ends, x('rel'), kind('tt'), kind('tsub'), x('tdesc'), x('via'), x('rb'), stored('vf', src.validFromFamily), stored('vt', src.validToFamily)];
  const where = [`${x('sn')} IS NOT NULL`, `${x('tn')} IS NOT NULL`];
  if (f.level === 'column') {
    where.push(`${x('sc')} IS NOT NULL`, `${x('tc')} IS NOT NULL`);
  } else if (m.columnsOnly === true) {
    where.push('1 = 0');
  }
  if (listed('s') || listed('t')) {
    // An operation that reads the table it writes (an UPDATE, a refresh) is not lineage.
    where.push(`${ends[0] ?? ''} <> ${ends[5] ?? ''}`);
  }
  const lists = (['s', 't'] as const).filter(listed).map((p) => ` CROSS JOIN ${listExpansion(raw(`${p}n`), `l${p}`, d)}`).join('');
  return `SELECT ${cols.map((c, k) => `${c} AS ${EDGE_COLUMNS[k] ?? ''}`).join(', ')} FROM ${compileRelation(rawRelation(m, src), d, 'x')}${lists} WHERE ${where.join(' AND ')}`;
}

/**
 * Epoch ms of an `e` time column (`vf`, `vt`): stored values on SQLite, their text on Postgres
 * (numbers were turned into ISO text per mapping). `expr` is a column reference.
 */
export function edgeMs(expr: string, f: EdgeFilter, d: Dialect): string {
  return `CAST(${d.epochMs(expr, d.name === 'sqlite' ? 'temporal' : 'text', f.naive, f.zone)} AS ${d.doubleType})`;
}

/** One name of an expanded list column. */
function listValue(alias: string, d: Dialect): string {
  return d.name === 'sqlite' ? `CAST(${alias}.value AS TEXT)` : `${alias}.v`;
}

/**
 * The names of a list column as rows of `alias` (see `listValue`): a JSON array in text (SQLite stores, the JSON
 * cache), or a Postgres array (whose text form is `{a,b}`); anything else holds no names.
 */
function listExpansion(expr: string, alias: string, d: Dialect): string {
  if (d.name === 'sqlite') {
    return `json_each(CASE WHEN json_valid(${expr}) AND json_type(${expr}) = 'array' THEN ${expr} ELSE '[]' END) AS ${alias}`;
  }
  return `LATERAL (SELECT jsonb_array_elements_text(CAST(${expr} AS jsonb)) AS v WHERE ${expr} LIKE '[%'`
    + ` UNION ALL SELECT unnest(CAST(${expr} AS text[])) WHERE ${expr} LIKE '{%') AS ${alias}`;
}

/**
 * The body of the `e` CTE: every mapping's edges at the filter's level, as of its time, of its run,
 * without duplicates. Bound values go through `p`.
 */
export function edgesCte(sources: readonly EdgeSource[], f: EdgeFilter, d: Dialect, p: Params): string {
  if (sources.length === 0) {
    throw new Error('A lineage walk needs at least one lineage mapping.');
  }
  const union = sources.map((s) => mappingSelect(s, f, d)).join(' UNION ALL ');
  const where: string[] = [];
  if (f.asOfMs !== null) {
    // Each mention binds its own value: SQLite's `?` cannot be repeated.
    where.push(`(u.vf IS NULL OR ${edgeMs('u.vf', f, d)} <= ${p.add(f.asOfMs)})`, `(u.vt IS NULL OR ${edgeMs('u.vt', f, d)} > ${p.add(f.asOfMs)})`);
  } else if (f.nowMs !== null) {
    where.push(`(u.vt IS NULL OR ${edgeMs('u.vt', f, d)} > ${p.add(f.nowMs)})`);
  }
  if (f.run !== null) {
    where.push(`u.rb = ${p.add(f.run)}`);
  }
  return `SELECT DISTINCT * FROM (${union}) AS u${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`;
}

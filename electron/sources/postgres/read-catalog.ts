import type { ColumnFamily, ColumnInfo, ForeignKeyInfo, IndexInfo, LoadProblem, TableInfo } from '../../../shared/model/catalog';
import { familyOf } from '../../../shared/model/catalog';
import type { PgSession } from './pg-session';

/** Relations of the user's schemas: system schemas, TOAST and other sessions' temp schemas are skipped. */
const RELATIONS = `
  SELECT c.oid, n.nspname, c.relname, c.relkind
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
     AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
     AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`;

interface Relation {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly relkind: string;
  readonly reltuples: number;
  readonly readable: boolean;
}

/**
 * The family of a column, from the catalog's type category first and `familyOf` second. The
 * category catches what name matching gets wrong for Postgres: `text[]` (not text: ILIKE needs
 * the cast to text that 'other' gets), `uuid` and enums (no ILIKE operator either), `interval`
 * and `point` (they contain "int" but are not integers) and ranges such as `daterange`.
 */
export function pgFamily(category: string, baseType: string): ColumnFamily {
  switch (category) {
    case 'A': // arrays
    case 'R': // ranges and multiranges
    case 'T': // interval
    case 'G': // geometry
    case 'I': // network addresses
    case 'V': // bit strings
    case 'E': // enums
    case 'C': // composites
    case 'X':
    case 'P':
      return 'other';
    case 'U': // user-defined and extension types, but also json, jsonb, uuid, bytea and xml
      return baseType === 'json' || baseType === 'jsonb' ? 'json' : baseType === 'bytea' ? 'blob' : 'other';
    default:
      return familyOf(baseType);
  }
}

/** Parses a JSON array produced by `json_agg` in the catalog queries. */
function names(json: unknown): (string | null)[] {
  if (typeof json !== 'string' || json === '') {
    return [];
  }
  const v = JSON.parse(json) as unknown;
  return Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : null)) : [];
}

function groupBy<T>(rows: readonly T[], key: (r: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(key(r)) ?? [];
    list.push(r);
    out.set(key(r), list);
  }
  return out;
}

/**
 * Reads the tables and views of every schema the login can use, with columns (`format_type`
 * names), primary and foreign keys, indexes and the planner's row estimate (`reltuples`; −1 means
 * never analysed, so no estimate). Relations the login may not SELECT from are listed as problems.
 */
export async function readCatalog(session: PgSession): Promise<{ tables: TableInfo[]; problems: LoadProblem[] }> {
  const rels = await session.query(`
    SELECT r.oid, r.nspname, r.relname, r.relkind::text, c.reltuples::float8, has_table_privilege(r.oid, 'SELECT')
      FROM (${RELATIONS}) r JOIN pg_class c ON c.oid = r.oid
     WHERE has_schema_privilege(c.relnamespace, 'USAGE')
     ORDER BY r.nspname, r.relname`);
  const relations: Relation[] = rels.rows.map((r) => ({
    oid: r[0] as number,
    schema: String(r[1]),
    name: String(r[2]),
    relkind: String(r[3]),
    reltuples: Number(r[4]),
    readable: r[5] === true,
  }));
  const columns = await session.query(`
    SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, t.typcategory::text,
           CASE WHEN t.typtype = 'd' THEN bt.typname ELSE t.typname END
      FROM pg_attribute a
      JOIN pg_type t ON t.oid = a.atttypid
      LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
     WHERE a.attrelid IN (SELECT oid FROM (${RELATIONS}) r) AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY a.attrelid, a.attnum`);
  const constraints = await session.query(`
    SELECT con.conrelid, con.contype::text,
           (SELECT json_agg(a.attname ORDER BY k.i) FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
              JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n),
           fn.nspname, fc.relname,
           (SELECT json_agg(a.attname ORDER BY k.i) FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
              JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n)
      FROM pg_constraint con
      LEFT JOIN pg_class fc ON fc.oid = con.confrelid
      LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
     WHERE con.contype IN ('p', 'f') AND con.conrelid IN (SELECT oid FROM (${RELATIONS}) r)
     ORDER BY con.conrelid, con.conname`);
  const indexes = await session.query(`
    SELECT i.indrelid, ic.relname, i.indisunique,
           (SELECT json_agg(a.attname ORDER BY k.i) FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(n, i)
              LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n
             WHERE k.i <= i.indnkeyatts)
      FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
     WHERE i.indrelid IN (SELECT oid FROM (${RELATIONS}) r)
     ORDER BY i.indrelid, ic.relname`);

  const colsByRel = groupBy(columns.rows, (r) => r[0] as number);
  const consByRel = groupBy(constraints.rows, (r) => r[0] as number);
  const idxByRel = groupBy(indexes.rows, (r) => r[0] as number);
  const tables: TableInfo[] = [];
  const problems: LoadProblem[] = [];
  for (const rel of relations) {
    if (!rel.readable) {
      problems.push({ path: `${rel.schema}.${rel.name}`, message: `User may not read ${rel.schema}.${rel.name} (no SELECT privilege), so it is not listed.` });
      continue;
    }
    const cons = consByRel.get(rel.oid) ?? [];
    const pk = cons.find((c) => c[1] === 'p');
    const primaryKey = pk ? names(pk[2]).filter((n): n is string => n !== null) : [];
    const cols: ColumnInfo[] = (colsByRel.get(rel.oid) ?? []).map((c) => ({
      name: String(c[1]),
      type: String(c[2]),
      family: pgFamily(String(c[4]), String(c[5])),
      notNull: c[3] === true,
      pk: primaryKey.indexOf(String(c[1])) + 1,
    }));
    const foreignKeys: ForeignKeyInfo[] = cons
      .filter((c) => c[1] === 'f')
      .map((c) => ({
        columns: names(c[2]).map((n) => n ?? ''),
        refSchema: typeof c[3] === 'string' ? c[3] : null,
        refTable: typeof c[4] === 'string' ? c[4] : '',
        refColumns: names(c[5]).map((n) => n ?? ''),
      }));
    const idx: IndexInfo[] = (idxByRel.get(rel.oid) ?? []).map((r) => ({
      name: String(r[1]),
      unique: r[2] === true,
      columns: names(r[3]).map((n) => n ?? '(expression)'),
    }));
    const isTable = rel.relkind === 'r' || rel.relkind === 'p' || rel.relkind === 'f';
    tables.push({
      schema: rel.schema,
      name: rel.name,
      kind: isTable ? 'table' : 'view',
      columns: cols,
      primaryKey,
      foreignKeys,
      indexes: idx,
      // Without a primary key there is no stable key to continue after (ctid moves on UPDATE and VACUUM FULL).
      keyset: isTable && primaryKey.length > 0 ? 'pk' : 'none',
      rowCount: rel.reltuples >= 0 && rel.relkind !== 'v' ? { value: Math.round(rel.reltuples), exact: false } : null,
    });
  }
  return { tables, problems };
}

/** The planner's row estimate of one relation, or null when it was never analysed. */
export async function estimateRows(session: PgSession, schema: string, name: string, signal?: AbortSignal): Promise<number | null> {
  const res = await session.query(
    `SELECT c.reltuples::float8 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`,
    [schema, name],
    { signal },
  );
  const v = res.rows[0]?.[0];
  return typeof v === 'number' && v >= 0 ? Math.round(v) : null;
}

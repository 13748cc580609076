/** What kind of store a source reads. */
export type SourceKind = 'sqlite' | 'json' | 'postgres';

/** The type family of a column, derived from its declared type, used to pick filters and formatting. */
export type ColumnFamily = 'text' | 'integer' | 'real' | 'boolean' | 'temporal' | 'json' | 'blob' | 'other';

/** A column as the catalog knows it. */
export interface ColumnInfo {
  readonly name: string;
  /** The declared type as written in the schema (may be empty in SQLite). */
  readonly type: string;
  readonly family: ColumnFamily;
  readonly notNull: boolean;
  /** 1-based position in the primary key, or 0 when not part of it. */
  readonly pk: number;
}

/** A foreign key from this table's columns to another table's columns. */
export interface ForeignKeyInfo {
  readonly columns: readonly string[];
  readonly refSchema: string | null;
  readonly refTable: string;
  readonly refColumns: readonly string[];
}

/** An index and the columns it covers, in order. */
export interface IndexInfo {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
}

/** A row count that may have stopped early because of its time budget. */
export interface RowCount {
  readonly value: number;
  /** False when the count ran out of time: the true count is at least `value`. */
  readonly exact: boolean;
}

/** How rows of a relation can be paged by key: the rowid, the primary key, or only by position (views). */
export type KeysetKind = 'rowid' | 'pk' | 'none';

/** A table or view in a store. */
export interface TableInfo {
  readonly schema: string | null;
  readonly name: string;
  readonly kind: 'table' | 'view';
  readonly columns: readonly ColumnInfo[];
  readonly primaryKey: readonly string[];
  readonly foreignKeys: readonly ForeignKeyInfo[];
  readonly indexes: readonly IndexInfo[];
  readonly keyset: KeysetKind;
  readonly rowCount: RowCount | null;
}

/** How a load problem is shown: a part left unread (`problem`), or only how the store was read (`notice`). */
export type LoadSeverity = 'problem' | 'notice';

/** Something in the store that could not be read, listed instead of failing the whole open. */
export interface LoadProblem {
  readonly path: string;
  readonly message: string;
  /** Absent means `problem`: only entries that lose nothing (a WAL store read from a copy) say `notice`. */
  readonly severity?: LoadSeverity;
}

/** The entry's severity, `problem` unless it says otherwise. */
export function severityOf(problem: LoadProblem): LoadSeverity {
  return problem.severity ?? 'problem';
}

/** Describes where the catalog came from, without secrets. */
export interface SourceInfo {
  readonly kind: SourceKind;
  /** File path, folder path or a connection URL without its password. */
  readonly location: string;
  readonly title: string;
}

/** Everything a store holds, as far as the views need to know. */
export interface Catalog {
  readonly source: SourceInfo;
  readonly tables: readonly TableInfo[];
  readonly problems: readonly LoadProblem[];
}

/** Identifies a table within a catalog. */
export interface TableRef {
  readonly schema: string | null;
  readonly name: string;
}

/** Finds a table by reference; names are matched exactly. */
export function findTable(catalog: Catalog, ref: TableRef): TableInfo | undefined {
  return catalog.tables.find((t) => t.name === ref.name && (t.schema ?? null) === (ref.schema ?? null));
}

/** Parses `name` or `schema.name` into a reference, preferring an exact match in the catalog. */
export function resolveTableName(catalog: Catalog, text: string): TableInfo | undefined {
  const exact = catalog.tables.find((t) => t.name === text && t.schema === null)
    ?? catalog.tables.find((t) => t.name === text);
  if (exact) {
    return exact;
  }
  const dot = text.indexOf('.');
  if (dot > 0) {
    return findTable(catalog, { schema: text.slice(0, dot), name: text.slice(dot + 1) });
  }
  return undefined;
}

/** Human label of a table: `schema.name` or just the name. */
export function tableLabel(ref: TableRef): string {
  return ref.schema ? `${ref.schema}.${ref.name}` : ref.name;
}

/** Maps a declared SQL type to its family, following SQLite's affinity rules plus common Postgres names. */
export function familyOf(declared: string): ColumnFamily {
  const t = declared.toLowerCase().trim();
  if (t === '') {
    return 'other';
  }
  // Postgres arrays, ranges, intervals, geometry and uuids compare as their text form only;
  // checked first because their names contain "int", "date" or "char".
  if (t.endsWith('[]') || t.startsWith('_') || t.includes('range') || t === 'interval' || t.startsWith('interval ')
    || ['point', 'line', 'lseg', 'box', 'path', 'polygon', 'circle', 'uuid', 'inet', 'cidr', 'macaddr', 'tsvector', 'xml'].includes(t)) {
    return 'other';
  }
  if (t.includes('json')) {
    return 'json';
  }
  if (t.includes('bool')) {
    return 'boolean';
  }
  if (t.includes('timestamp') || t.includes('date') || t.includes('time')) {
    return 'temporal';
  }
  if (t.includes('int') || t === 'serial' || t === 'bigserial') {
    return 'integer';
  }
  if (t.includes('char') || t.includes('clob') || t.includes('text') || t.includes('uuid')) {
    return 'text';
  }
  if (t.includes('blob') || t === 'bytea') {
    return 'blob';
  }
  if (t.includes('real') || t.includes('floa') || t.includes('doub') || t.includes('numeric') || t.includes('decimal')) {
    return 'real';
  }
  return 'other';
}

/**
 * Creating and evolving the cache's data tables: the DDL the writer runs as records reveal columns
 * and wider types, and reading back the tables of a cache being extended.
 */
import type Database from 'better-sqlite3';
import { RecordShaper, type ColumnDef, type ColumnType, type SchemaChange, type TableSpec } from './record-shaper';

/** A data table already in the cache (one being extended), as the writer resumes it. */
export interface ExistingTable {
  readonly name: string;
  readonly columns: ColumnDef[];
  /** The largest value of its INTEGER primary key, or 0 when it has none. */
  readonly lastId: number;
}

/** Creates table `name` with `columns`, declared as `spec` says. */
export function createTable(db: Database.Database, name: string, spec: TableSpec, columns: readonly ColumnDef[]): void {
  db.exec(`CREATE TABLE ${q(name)} (${columns.map((c) => columnSql(c, spec)).join(', ')})`);
}

/** Creates a table with its layout's columns and indexes if it does not exist. */
export function createLayoutTable(db: Database.Database, spec: TableSpec): void {
  const shaper = new RecordShaper(spec);
  db.exec(`CREATE TABLE IF NOT EXISTS ${q(spec.name)} (${shaper.columns.map((c) => columnSql(c, spec)).join(', ')})`);
  for (const cols of spec.indexes ?? []) {
    createIndex(db, spec.name, cols);
  }
}

/** Creates the index on `cols` of table `name` if it does not exist. */
export function createIndex(db: Database.Database, name: string, cols: readonly string[]): void {
  db.exec(`CREATE INDEX IF NOT EXISTS ${q(`${name}__${cols.join('_')}`)} ON ${q(name)} (${cols.map(q).join(', ')})`);
}

/** Adds `column` to table `name` with no declared type (a key only ever seen with null). */
export function addUntypedColumn(db: Database.Database, name: string, column: ColumnDef): void {
  db.exec(`ALTER TABLE ${q(name)} ADD COLUMN ${q(column.name)}`);
}

/** Brings table `name` to `columns` after a shaper reported `changes`: new columns or wider types. */
export function applySchemaChanges(db: Database.Database, name: string, spec: TableSpec, columns: readonly ColumnDef[], changes: readonly SchemaChange[]): void {
  const widened = changes.some((c) => c.kind === 'widen');
  if (widened) {
    // SQLite cannot change a column's declared type: copy into a table declared the wider way.
    // The existing values are valid under the wider type, so they are copied unchanged.
    const current = db.prepare('SELECT count(*) FROM pragma_table_info(?)').pluck().get(name) as number;
    const cols = columns.slice(0, current);
    const tmp = `${name}__widen`;
    db.exec(`CREATE TABLE ${q(tmp)} (${cols.map((c) => columnSql(c, spec)).join(', ')})`);
    db.exec(`INSERT INTO ${q(tmp)} SELECT * FROM ${q(name)}`);
    db.exec(`DROP TABLE ${q(name)}`);
    db.exec(`ALTER TABLE ${q(tmp)} RENAME TO ${q(name)}`);
    for (const c of columns.slice(current)) {
      db.exec(`ALTER TABLE ${q(name)} ADD COLUMN ${columnSql(c, spec)}`);
    }
  } else {
    for (const c of changes) {
      if (c.kind === 'add') {
        db.exec(`ALTER TABLE ${q(name)} ADD COLUMN ${columnSql(c.column, spec)}`);
      }
    }
  }
}

/** The data tables already in the cache, in schema order (bookkeeping and SQLite tables left out). */
export function readExistingTables(db: Database.Database): ExistingTable[] {
  const names = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`).pluck().all() as string[];
  return names.map((name) => {
    const cols = db.prepare('SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid').all(name) as { name: string; type: string; pk: number }[];
    const pk = cols.find((c) => c.pk === 1 && c.type.toUpperCase() === 'INTEGER');
    return {
      name,
      lastId: pk ? Number(db.prepare(`SELECT coalesce(max(${q(pk.name)}), 0) FROM ${q(name)}`).pluck().get()) : 0,
      columns: cols.map((c) => ({ name: c.name, type: toColumnType(c.type) })),
    };
  });
}

/** Quotes an identifier for SQLite. */
export function q(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function columnSql(c: ColumnDef, spec: TableSpec): string {
  if (spec.rowidAlias === c.name) {
    return `${q(c.name)} INTEGER PRIMARY KEY`;
  }
  return c.type === '' ? q(c.name) : `${q(c.name)} ${c.type}`;
}

function toColumnType(declared: string): ColumnType {
  const t = declared.toUpperCase();
  return t === 'TEXT' || t === 'INTEGER' || t === 'REAL' || t === 'BOOLEAN' || t === 'JSON' ? t : '';
}

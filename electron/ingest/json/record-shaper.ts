import { ExactNumber, toJsonText } from './parse/exact-number';

/** Declared SQLite type of a cache column; '' means "any" (BLOB affinity: values kept exactly). */
export type ColumnType = 'TEXT' | 'INTEGER' | 'REAL' | 'BOOLEAN' | 'JSON' | '';

/** A column of a cache table. */
export interface ColumnDef {
  readonly name: string;
  readonly type: ColumnType;
}

/** What a table looks like before any record arrives. */
export interface TableSpec {
  readonly name: string;
  /** Columns created first, in this order, with fixed types (a known layout's schema). */
  readonly columns: readonly ColumnDef[];
  /** Whether keys outside `columns` become new columns (true) or are ignored (false). */
  readonly open: boolean;
  /** Columns to index once loading is done, one array per index. */
  readonly indexes?: readonly (readonly string[])[];
  /** The first this-many columns are filled by the writer (provenance), never from record keys. */
  readonly reserved?: number;
  /** A column declared `INTEGER PRIMARY KEY`, so other tables can reference rows by it. */
  readonly rowidAlias?: string;
}

/** A change to a table's schema caused by a record: a new column or a wider type. */
export type SchemaChange =
  | { readonly kind: 'add'; readonly column: ColumnDef }
  | { readonly kind: 'widen'; readonly name: string; readonly to: ColumnType };

/** A record about to be written: keys are column names, values are anything JSON.parse returns. */
export type RowObject = Readonly<Record<string, unknown>>;

/**
 * Turns records of one kind into rows of one table: scalars become typed columns, objects and
 * arrays JSON text, in a stable column order (the layout's columns, then keys as first seen). A
 * key seen only with null gets no column until a value arrives. When values of one key disagree
 * the column widens (INTEGER to REAL, mixed kinds to untyped) so SQLite never coerces a value:
 * "00123" stays text, 9007199254740993 stays exact. SQLite compares column names without case and
 * cannot hold a NUL in one, so a key that would clash (`Name` beside `name`, or a provenance
 * column's name) gets a column named with a trailing `_`.
 */
export class RecordShaper {
  private readonly cols: ColumnDef[];
  /** Record key to column slot. */
  private readonly index = new Map<string, number>();
  /** Column names in lower case, as SQLite sees them. */
  private readonly taken = new Set<string>();
  private changes: SchemaChange[] = [];
  private lastKeys: string[] = [];
  private lastSlots: number[] = [];
  private readonly nullOnly = new Set<string>();

  public constructor(public readonly spec: TableSpec) {
    this.cols = [...spec.columns];
    this.cols.forEach((c, i) => {
      this.taken.add(c.name.toLowerCase());
      // Provenance columns are filled by the writer; a record key of the same name is data.
      if (i >= (spec.reserved ?? 0)) {
        this.index.set(c.name, i);
      }
    });
  }

  /** The columns as they stand now. */
  public get columns(): readonly ColumnDef[] {
    return this.cols;
  }

  /** Keys seen so far only with null values; `addNullOnly` gives them untyped columns at the end. */
  public get nullOnlyKeys(): readonly string[] {
    return [...this.nullOnly].filter((k) => !this.index.has(k));
  }

  /** Adds an untyped column for every null-only key; returns the new columns. */
  public addNullOnly(): ColumnDef[] {
    const added = this.nullOnlyKeys.map((k) => this.cols[this.addColumn(k, '')] as ColumnDef);
    this.changes = [];
    return added;
  }

  /** Returns and clears the schema changes made by the rows shaped since the last call. */
  public takeChanges(): SchemaChange[] {
    const out = this.changes;
    this.changes = [];
    return out;
  }

  /** The row's values in column order (shorter than `columns` when trailing columns are empty). */
  public shape(row: RowObject, hasExact = false): unknown[] {
    const keys = Object.keys(row);
    const values: unknown[] = new Array(this.cols.length).fill(null);
    const same = keys.length === this.lastKeys.length && keys.every((k, i) => k === this.lastKeys[i]);
    const slots = same ? this.lastSlots : keys.map((k) => this.index.get(k) ?? -1);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const v = row[key];
      if (v === null || v === undefined) {
        if (slots[i] === -1 && this.spec.open) {
          this.nullOnly.add(key);
        }
        continue;
      }
      let slot = slots[i] as number;
      if (slot === -1) {
        if (!this.spec.open) {
          continue;
        }
        slot = this.addColumn(key, typeOf(v));
        slots[i] = slot;
      }
      values[slot] = this.convert(slot, v, hasExact);
    }
    this.lastKeys = keys;
    this.lastSlots = slots;
    return values;
  }

  /** The column name for a new key: NUL spelled out, a trailing `_` until no column has it. */
  private freeName(key: string): string {
    let name = key.replaceAll('\0', '\\u0000');
    while (this.taken.has(name.toLowerCase())) {
      name += '_';
    }
    return name;
  }

  private addColumn(key: string, type: ColumnType): number {
    const slot = this.cols.length;
    const column = { name: this.freeName(key), type };
    this.cols.push(column);
    this.index.set(key, slot);
    this.taken.add(column.name.toLowerCase());
    this.nullOnly.delete(key);
    this.changes.push({ kind: 'add', column });
    return slot;
  }

  private convert(slot: number, v: unknown, hasExact: boolean): unknown {
    const col = this.cols[slot] as ColumnDef;
    const t = typeOf(v);
    if (t !== col.type) {
      const wider = widen(col.type, t);
      if (wider !== col.type) {
        this.cols[slot] = { name: col.name, type: wider };
        this.changes.push({ kind: 'widen', name: col.name, to: wider });
      }
    }
    return toCell(v, hasExact);
  }
}

/** The column type a single value asks for. */
export function typeOf(v: unknown): ColumnType {
  switch (typeof v) {
    case 'string': return 'TEXT';
    case 'boolean': return 'BOOLEAN';
    case 'number': return Number.isInteger(v) ? 'INTEGER' : 'REAL';
    case 'bigint': return 'INTEGER';
    default:
      if (v instanceof ExactNumber) {
        return v.isInt64 ? 'INTEGER' : 'TEXT';
      }
      return 'JSON';
  }
}

/** The narrowest type holding values of both types without SQLite changing any of them. */
export function widen(a: ColumnType, b: ColumnType): ColumnType {
  if (a === b || a === '') {
    return a;
  }
  const numeric = (t: ColumnType): boolean => t === 'BOOLEAN' || t === 'INTEGER' || t === 'REAL';
  if (numeric(a) && numeric(b)) {
    return a === 'REAL' || b === 'REAL' ? 'REAL' : 'INTEGER';
  }
  return '';
}

/** The value bound to SQLite: booleans as 1/0, nested values as JSON text, exact numbers exactly. */
export function toCell(v: unknown, hasExact: boolean): unknown {
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'bigint':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    default:
      if (v === null || v === undefined) {
        return null;
      }
      if (v instanceof ExactNumber) {
        return v.toSqlite();
      }
      return toJsonText(v, hasExact);
  }
}

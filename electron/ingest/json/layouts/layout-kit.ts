import type { ColumnDef, ColumnType, RowObject, TableSpec } from '../record-shaper';

/** Where a record came from, as the layouts see it. */
export interface RecordContext {
  /** Path relative to the opened folder, with '/' separators (the file name when a file was opened). */
  readonly rel: string;
  /** 1-based line where the record starts. */
  readonly line: number;
  /** True when the record holds numbers kept exactly (ExactNumber objects). */
  readonly exact: boolean;
  /** Lists a load problem of this record (a suspicious value kept, but worth a warning). */
  readonly note?: (message: string) => void;
}

/**
 * Receives the rows a layout derives from one record. Returns the row's id when its table declares
 * one (`rowidAlias`), so rows of other tables can point at it; otherwise null.
 */
export type EmitRow = (table: TableSpec, row: RowObject) => number | null;

/** Turns records of a known format into rows of named tables; pure apart from `emit`. */
export interface Layout {
  readonly name: string;
  /** Emits rows for the record and returns true, or returns false when the record is not its kind. */
  accept(value: unknown, ctx: RecordContext, emit: EmitRow): boolean;
}

/** Columns every cache table starts with: the source file (`_files.id`) and line of the record. */
export const PROVENANCE: readonly ColumnDef[] = [
  { name: '_file_id', type: 'INTEGER' },
  { name: '_line', type: 'INTEGER' },
];

/** Builds a table spec: provenance columns first, then the layout's own. */
export function tableSpec(
  name: string,
  columns: readonly (readonly [string, ColumnType])[],
  options: { open?: boolean; indexes?: readonly (readonly string[])[]; rowidAlias?: string } = {},
): TableSpec {
  return {
    name,
    columns: [...PROVENANCE, ...columns.map(([n, type]) => ({ name: n, type }))],
    open: options.open ?? true,
    indexes: options.indexes ?? [],
    reserved: PROVENANCE.length,
    ...(options.rowidAlias ? { rowidAlias: options.rowidAlias } : {}),
  };
}

/** A plain JSON object (not an array, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value at a path of own keys, or undefined. */
export function pick(v: unknown, ...path: string[]): unknown {
  let cur = v;
  for (const key of path) {
    if (!isObject(cur) || !Object.prototype.hasOwnProperty.call(cur, key)) {
      return undefined;
    }
    cur = cur[key];
  }
  return cur;
}

/** A scalar as text (ids and names may arrive as numbers); objects and arrays give null. */
export function text(v: unknown): string | null {
  if (typeof v === 'string') {
    return v;
  }
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') {
    return String(v);
  }
  return null;
}

/**
 * Copies the source's keys that the layout did not map, so no field of a record is lost. Keys are
 * defined, not assigned: assigning `__proto__` would replace the row's prototype instead.
 */
export function withExtras(target: Record<string, unknown>, source: Record<string, unknown>, known: ReadonlySet<string>): Record<string, unknown> {
  for (const k of Object.keys(source)) {
    if (!known.has(k) && !Object.prototype.hasOwnProperty.call(target, k)) {
      Object.defineProperty(target, k, { value: source[k], enumerable: true, writable: true, configurable: true });
    }
  }
  return target;
}

/**
 * The columns of the runs and steps views, as the views present them: friendly headers for the
 * normalised columns, the format's own `table.column`s after them (hidden until asked for), and
 * ordering helpers the server adds to steps, which are never shown. Nothing here knows a format:
 * it reads column names from `formats.list` and families from the catalog.
 */
import type { Catalog, ColumnFamily, ColumnInfo, TableInfo } from '../../../shared/model/catalog';
import { RUN_COLUMNS, STEP_COLUMNS } from '../../../shared/query/runs-view';

/** Headers of the normalised run columns. */
export const RUN_HEADERS: Readonly<Record<(typeof RUN_COLUMNS)[number], string>> = {
  run_id: 'Run',
  run_name: 'Name',
  started_at: 'Started',
  ended_at: 'Ended',
  duration_s: 'Duration',
  status: 'Status',
  raw_status: 'Raw status',
  actor: 'Actor',
  message: 'Message',
  day: 'Day',
};

/** Headers of the normalised step columns. */
export const STEP_HEADERS: Readonly<Record<(typeof STEP_COLUMNS)[number], string>> = {
  step_name: 'Step',
  at: 'At',
  status: 'Status',
  raw_status: 'Raw status',
  message: 'Message',
};

/** Which view a column list belongs to. */
export type ViewKind = 'runs' | 'steps';

/** Columns whose cells are stored timestamps, shown through the UTC / local switch. */
export const TIME_COLUMNS: ReadonlySet<string> = new Set(['started_at', 'ended_at', 'at']);

/** What a column is to the view: normalised, the format's own, or a server-side ordering helper. */
export type ColumnRole = 'normal' | 'own' | 'internal';

function headersOf(kind: ViewKind): Readonly<Record<string, string>> {
  return kind === 'runs' ? RUN_HEADERS : STEP_HEADERS;
}

/** The role of a column: own columns are named `<table>.<column>` after the view's table. */
export function columnRole(kind: ViewKind, column: string, ownTable: string | null): ColumnRole {
  if (Object.prototype.hasOwnProperty.call(headersOf(kind), column)) {
    return 'normal';
  }
  return ownTable !== null && column.startsWith(`${ownTable}.`) ? 'own' : 'internal';
}

/** The header of a column: the friendly name of a normalised column, the bare name of an own one. */
export function headerLabel(kind: ViewKind, column: string, ownTable: string | null): string {
  const headers = headersOf(kind);
  if (Object.prototype.hasOwnProperty.call(headers, column)) {
    return headers[column] ?? column;
  }
  return ownTable !== null && column.startsWith(`${ownTable}.`) ? column.slice(ownTable.length + 1) : column;
}

/**
 * The order the runs grid shows the normalised run columns in: what tells runs apart (name,
 * status, when, how long) first, so they fit a 1024 px screen beside the facets; the long run id
 * last (the name's tooltip carries it too).
 */
export const RUN_DISPLAY_ORDER: readonly string[] = ['run_name', 'status', 'started_at', 'duration_s', 'ended_at', 'actor', 'message', 'raw_status', 'day', 'run_id'];

/** The columns a view can show, in order: every column but the internal ones; runs in `RUN_DISPLAY_ORDER`, own columns after. */
export function displayColumns(kind: ViewKind, columns: readonly string[], ownTable: string | null): string[] {
  const shown = columns.filter((c) => columnRole(kind, c, ownTable) !== 'internal');
  if (kind !== 'runs') {
    return shown;
  }
  const rank = (c: string): number => {
    const at = RUN_DISPLAY_ORDER.indexOf(c);
    return at < 0 ? RUN_DISPLAY_ORDER.length : at;
  };
  // A stable sort: own columns keep their stored order after the normalised ones.
  return [...shown].sort((a, b) => rank(a) - rank(b));
}

/** The step columns the steps grid shows, in its order: what a steps export writes after the run's columns. */
export function visibleStepColumns(stepColumns: readonly string[], ownTable: string | null, hidden: readonly string[]): string[] {
  const hiddenSet = new Set(hidden);
  return displayColumns('steps', stepColumns, ownTable).filter((c) => !hiddenSet.has(c));
}

/** Columns hidden when a format is first shown: its own columns (the chooser offers them), but those the format shows by default. */
export function defaultHidden(kind: ViewKind, columns: readonly string[], ownTable: string | null, shown: readonly string[] = []): string[] {
  return columns.filter((c) => columnRole(kind, c, ownTable) === 'own' && !shown.includes(c));
}

/**
 * The columns to fetch: every normalised column (the status pill, tabs and the steps pane read
 * them whatever is shown) and the own columns that are shown. Hidden own columns are not fetched.
 */
export function fetchColumns(kind: ViewKind, columns: readonly string[], ownTable: string | null, hidden: readonly string[]): string[] {
  const hiddenSet = new Set(hidden);
  return columns.filter((c) => {
    const role = columnRole(kind, c, ownTable);
    return role === 'normal' || (role === 'own' && !hiddenSet.has(c));
  });
}

const NORMAL_FAMILIES: Readonly<Record<string, ColumnFamily>> = {
  started_at: 'temporal',
  ended_at: 'temporal',
  at: 'temporal',
  duration_s: 'real',
};

/** The family of a column: fixed for normalised ones, the catalog's for own ones, else text. */
export function columnFamily(kind: ViewKind, column: string, ownTable: string | null, catalog: Catalog | null): ColumnFamily {
  const role = columnRole(kind, column, ownTable);
  if (role === 'normal') {
    return NORMAL_FAMILIES[column] ?? 'text';
  }
  if (role === 'own' && ownTable !== null && catalog) {
    const bare = column.slice(ownTable.length + 1);
    // Derived relations (pairs of log rows) have columns the table lacks: those stay text.
    return catalog.tables.find((t) => t.name === ownTable)?.columns.find((c) => c.name === bare)?.family ?? 'text';
  }
  return 'text';
}

/**
 * A table-shaped description of a view, for the parts shared with the table explorer (filter
 * chips, column chooser) that read a `TableInfo`. It names no real table and is never queried.
 */
export function viewTableInfo(kind: ViewKind, title: string, columns: readonly string[], ownTable: string | null, catalog: Catalog | null): TableInfo {
  const infos: ColumnInfo[] = displayColumns(kind, columns, ownTable).map((name) => {
    const family = columnFamily(kind, name, ownTable, catalog);
    return { name, type: family === 'temporal' ? 'timestamp' : family, family, notNull: false, pk: 0 };
  });
  return { schema: null, name: title, kind: 'view', columns: infos, primaryKey: [], foreignKeys: [], indexes: [], keyset: 'none', rowCount: null };
}

/**
 * A view of a store as URL query text, Datasette-style: which store, which mode and format, the
 * filters (`column__op=value`), sort, hidden columns, selected run, time window and lineage root
 * and depth. Browser mode keeps it in the address bar, Electron in "Copy link to this view" and
 * `auditlens://` links. Pure, and no password ever goes into a link; decoding is in
 * view-link-decode.ts.
 */
import type { TableRef } from '../../../shared/model/catalog';
import type { ModeId } from '../explorer/explorer-modes';
import { EXPLORER_MODES } from '../explorer/explorer-modes';
import type { CellValue } from '../../../shared/model/values';
import type { ColumnFilter, SortKey, TimeWindow } from '../../../shared/model/view-request';

/** Which store a link opens: a file or folder path, a Postgres URL (never with its password), or a saved connection. */
export type StoreLink =
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'saved'; readonly id: string };

/** The explorer's modes, as a link names them: every mode of the switch, so a new mode links too. */
export const VIEW_MODES: readonly ModeId[] = EXPLORER_MODES.map((m) => m.id);

/** One mode. */
export type ViewMode = ModeId;

/** The run a link shows: its key (what `runs.steps` takes), its `run_id`, and whether it is open in its own tab. */
export interface RunLink {
  readonly key: readonly CellValue[];
  readonly id: CellValue;
  readonly tab: boolean;
}

/** A view; every part is optional and an absent part means the view's default. */
export interface ViewLink {
  readonly store?: StoreLink;
  readonly mode?: ViewMode;
  readonly format?: string;
  /** Tables mode: the table shown. */
  readonly table?: TableRef;
  readonly filters?: readonly ColumnFilter[];
  readonly sort?: readonly SortKey[];
  /** Hidden columns (possibly none); absent: the view's default columns. */
  readonly hidden?: readonly string[];
  readonly anyStepFailed?: boolean;
  readonly slowerThanMedian?: boolean;
  /** Runs: the search across run and step messages. */
  readonly search?: string;
  readonly window?: TimeWindow;
  readonly run?: RunLink;
  /** Lineage: the focused node, its depth both ways (null: all) and column level. */
  readonly root?: string;
  readonly depth?: number | null;
  readonly columns?: boolean;
  /** Lineage: the graph as of a time (ISO), and only the edges one run recorded. */
  readonly asOf?: string;
  readonly lineageRun?: string;
}

/** A decoded link and what had to be left out of it, as sentences. */
export interface DecodedLink {
  readonly link: ViewLink;
  readonly problems: readonly string[];
}

/** Longest link read; beyond it a link is refused whole (no view needs more). */
export const MAX_LINK_CHARS = 64_000;
/** Every reserved parameter starts with `_`; anything else is a filter `column__op`. */
export const RESERVED: ReadonlySet<string> = new Set(['_path', '_pg', '_conn', '_mode', '_format', '_schema', '_table', '_sort', '_nocol', '_failed', '_slower', '_q', '_from', '_to',
  '_run', '_run_id', '_tab', '_root', '_depth', '_columns', '_asof', '_lrun']);

/** The query text (no leading `?`) of a view; '' for the default view of nothing. */
export function encodeViewLink(link: ViewLink): string {
  const p = new URLSearchParams();
  const store = link.store;
  if (store?.kind === 'path') {
    p.append('_path', store.path);
  } else if (store?.kind === 'postgres') {
    p.append('_pg', withoutPassword(store.url));
  } else if (store?.kind === 'saved') {
    p.append('_conn', store.id);
  }
  put(p, '_mode', link.mode);
  put(p, '_format', link.format);
  if (link.table) {
    if (link.table.schema !== null) {
      p.append('_schema', link.table.schema);
    }
    p.append('_table', link.table.name);
  }
  for (const f of link.filters ?? []) {
    p.append(`${f.column}__${f.op}`, encodeFilterValue(f));
  }
  for (const s of link.sort ?? []) {
    p.append('_sort', s.desc ? `-${s.column}` : /^[-+]/.test(s.column) ? `+${s.column}` : s.column);
  }
  if (link.hidden) {
    // An empty value says "nothing hidden", which differs from the default columns.
    for (const c of link.hidden.length > 0 ? link.hidden : ['']) {
      p.append('_nocol', c);
    }
  }
  put(p, '_failed', link.anyStepFailed ? '1' : undefined);
  put(p, '_slower', link.slowerThanMedian ? '1' : undefined);
  put(p, '_q', link.search);
  put(p, '_from', link.window?.from);
  put(p, '_to', link.window?.to);
  if (link.run) {
    p.append('_run', JSON.stringify(link.run.key));
    p.append('_run_id', JSON.stringify(link.run.id));
    put(p, '_tab', link.run.tab ? '1' : undefined);
  }
  put(p, '_root', link.root);
  put(p, '_depth', link.depth === undefined ? undefined : link.depth === null ? 'all' : String(link.depth));
  put(p, '_columns', link.columns ? '1' : undefined);
  put(p, '_asof', link.asOf);
  put(p, '_lrun', link.lineageRun);
  return p.toString();
}

/** A Postgres URL with any password taken out, in the user part and in the query. */
export function withoutPassword(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    // Not a URL: keep nothing that could be a secret.
    return url.replace(/\/\/[^@/]*@/, '//');
  }
  if (u.password === '' && !u.searchParams.has('password')) {
    return url;
  }
  u.password = '';
  u.searchParams.delete('password');
  return u.toString();
}

function put(p: URLSearchParams, name: string, value: string | undefined): void {
  if (value !== undefined) {
    p.append(name, value);
  }
}

/**
 * A filter's value: a string as it is (unless it starts with `~`), anything else `~` and JSON
 * (`~42`, `~null`, `~["a","b"]` for `in`); a bare `~` is no value.
 */
function encodeFilterValue(f: ColumnFilter): string {
  const value = f.op === 'in' ? f.values : f.value;
  if (value === undefined) {
    return '~';
  }
  return typeof value === 'string' && !value.startsWith('~') ? value : `~${JSON.stringify(value)}`;
}

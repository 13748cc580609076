/**
 * Between the explorer's kept state (the runs, lineage and tables sessions and the mode) and a
 * view link, both ways. Pure: the explorer's hook (use-view-link.ts) reads the slots, asks for
 * the link to write into the address, and on load asks for the slots a link restores.
 */
import type { FormatSummary } from '../../../shared/api/contract';
import type { SourceKind } from '../../../shared/model/catalog';
import { cellToText } from '../../../shared/model/values';
import type { LineageSession } from '../../features/lineage/lineage-session';
import { EMPTY_SESSION } from '../../features/lineage/lineage-session';
import { openTab, runTabId } from '../../features/runs/run-tabs';
import type { RunsSession, RunsViewState } from '../../features/runs/runs-session';
import { emptySession, initialView, pickedFormat } from '../../features/runs/runs-session';
import type { TablesState } from '../../features/tables/tables-mode';
import { EMPTY_VIEW, tableKey } from '../../features/tables/view-state';
import type { ModeId } from '../explorer/explorer-modes';
import type { StoreLink, ViewLink } from './view-link-codec';

/** What the explorer shows, as the link needs it. */
export interface ExplorerState {
  readonly location: string;
  readonly kind: SourceKind;
  readonly mode: ModeId;
  readonly formats: readonly FormatSummary[];
  /** The format the runs and timeline modes show when the session names none (remembered per store). */
  readonly rememberedFormat: string | null;
  readonly runs: RunsSession;
  readonly lineage: LineageSession;
  readonly tables: TablesState;
}

/** The store part of a link: a path, or a Postgres URL (already without its password). */
export function storeLinkOf(location: string, kind: SourceKind): StoreLink {
  return kind === 'postgres' ? { kind: 'postgres', url: location } : { kind: 'path', path: location };
}

/** The link of what the explorer shows: only the shown mode's parts, and only what differs from its defaults. */
export function linkOfState(s: ExplorerState): ViewLink {
  const base: ViewLink = { store: storeLinkOf(s.location, s.kind), mode: s.mode };
  if (s.mode === 'runs' || s.mode === 'timeline') {
    const formats = s.mode === 'timeline' ? s.formats.filter((f) => f.timeline) : s.formats;
    const format = pickedFormat(formats, s.runs.formatKey ?? s.rememberedFormat);
    return format ? { ...base, format: format.key, ...runsPart(s.runs, format, s.mode === 'runs') } : base;
  }
  if (s.mode === 'lineage') {
    const l = s.lineage;
    return {
      ...base,
      ...(l.formatKey === null ? {} : { format: l.formatKey }),
      ...(l.root === null ? {} : { root: l.root, depth: l.depth }),
      ...(l.columns ? { columns: true } : {}),
      ...(l.asOf === null ? {} : { asOf: l.asOf }),
      ...(l.run === null ? {} : { lineageRun: l.run }),
    };
  }
  if (s.mode !== 'tables') {
    // A mode with nothing of its own in a link yet: the link names the mode only.
    return base;
  }
  const key = s.tables.selected;
  const ref = key === null ? null : tableRefOfKey(key);
  if (ref === null || key === null) {
    return base;
  }
  const view = s.tables.views.get(key) ?? EMPTY_VIEW;
  return { ...base, table: ref, ...nonEmpty(view.filters, view.sort), ...(view.hidden.length > 0 ? { hidden: view.hidden } : {}) };
}

function runsPart(session: RunsSession, format: FormatSummary, withRun: boolean): ViewLink {
  const view = session.views.get(format.key);
  const part: ViewLink = view ? {
    ...nonEmpty(view.filters, view.sort),
    ...(sameList(view.hidden, initialView(format).hidden) ? {} : { hidden: view.hidden }),
    ...(view.anyStepFailed ? { anyStepFailed: true } : {}),
    ...(view.slowerThanMedian ? { slowerThanMedian: true } : {}),
    ...(view.search ? { search: view.search } : {}),
    ...(view.window ? { window: view.window } : {}),
  } : {};
  if (!withRun) {
    return part;
  }
  const tab = session.tabs.find((t) => t.id === session.active);
  if (tab && tab.kind !== 'compare' && tab.formatKey === format.key) {
    return { ...part, run: { key: tab.key, id: tab.runId, tab: true } };
  }
  const sel = session.selected;
  return sel && !tab && sel.formatKey === format.key ? { ...part, run: { key: sel.key, id: sel.runId, tab: false } } : part;
}

/** The kept state a link restores, and sentences for the parts this store cannot show. */
export interface Restored {
  readonly mode: ModeId | null;
  readonly runs: RunsSession | null;
  readonly lineage: LineageSession | null;
  readonly tables: TablesState | null;
  readonly problems: readonly string[];
}

/** The slots a link sets for this store: only the linked mode's, the others stay as they are. */
export function restoreFromLink(link: ViewLink, storeId: string, formats: readonly FormatSummary[]): Restored {
  const problems: string[] = [];
  const mode = link.mode ?? null;
  let runs: RunsSession | null = null;
  let lineage: LineageSession | null = null;
  let tables: TablesState | null = null;
  const format = link.format === undefined ? undefined : formats.find((f) => f.key === link.format);
  if (link.format !== undefined && format === undefined) {
    problems.push('The format the link names is not among this store\'s audit formats; its default view is shown.');
  }
  if ((mode === 'runs' || mode === 'timeline') && format) {
    const start = initialView(format);
    const view: RunsViewState = {
      ...start,
      filters: link.filters ?? [],
      sort: link.sort ?? [],
      hidden: link.hidden ?? start.hidden,
      ...(link.anyStepFailed ? { anyStepFailed: true } : {}),
      ...(link.slowerThanMedian ? { slowerThanMedian: true } : {}),
      ...(link.search ? { search: link.search } : {}),
      ...(link.window ? { window: link.window } : {}),
    };
    const session: RunsSession = { ...emptySession(storeId), formatKey: format.key, views: new Map([[format.key, view]]) };
    const run = link.run;
    if (run && run.tab) {
      const title = cellToText(run.id);
      runs = { ...session, ...openTab(session, { kind: 'run', id: runTabId(format.key, run.key), formatKey: format.key, key: run.key, runId: run.id, title, cells: [['run_id', run.id]] }) };
    } else {
      runs = run ? { ...session, selected: { formatKey: format.key, key: run.key, runId: run.id } } : session;
    }
  } else if (mode === 'lineage') {
    lineage = {
      ...EMPTY_SESSION,
      formatKey: format?.key ?? null,
      root: link.root ?? null,
      ...(link.depth === undefined ? {} : { depth: link.depth }),
      columns: link.columns === true,
      asOf: link.asOf ?? null,
      run: link.lineageRun ?? null,
    };
  } else if (mode === 'tables' && link.table) {
    const key = tableKey(link.table);
    tables = { selected: key, views: new Map([[key, { filters: link.filters ?? [], sort: link.sort ?? [], hidden: link.hidden ?? [] }]]) };
  }
  return { mode, runs, lineage, tables, problems };
}

/** The table a tables-mode key names (`tableKey` is JSON of schema and name). */
function tableRefOfKey(key: string): { readonly schema: string | null; readonly name: string } | null {
  try {
    const v: unknown = JSON.parse(key);
    if (Array.isArray(v) && v.length === 2 && (v[0] === null || typeof v[0] === 'string') && typeof v[1] === 'string') {
      return { schema: v[0] as string | null, name: v[1] };
    }
  } catch {
    // Not ours: no table in the link.
  }
  return null;
}

function nonEmpty(filters: ViewLink['filters'], sort: ViewLink['sort']): ViewLink {
  return { ...(filters && filters.length > 0 ? { filters } : {}), ...(sort && sort.length > 0 ? { sort } : {}) };
}

/** Same columns, in any order (hiding and showing again changes the order, not the view). */
function sameList(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((x) => set.has(x));
}

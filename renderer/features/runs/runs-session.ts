/**
 * What the user set up in the runs mode of one open store, kept by the explorer while the user
 * switches to the tables and back: the chosen format, per-format filters, sort and columns, the
 * time zone and the open run tabs. Every change returns a new state.
 */
import type { FormatSummary } from '../../../shared/api/contract';
import type { CellValue } from '../../../shared/model/values';
import type { ColumnFilter, SortKey, TimeWindow, ViewQuery } from '../../../shared/model/view-request';
import { defaultHidden, fetchColumns } from './run-columns';
import type { TabsState } from './run-tabs';
import type { TimeZoneMode } from './time-display';

/** The user's set-up of one format's runs (the same shape as a table's, plus the steps' columns). */
export interface RunsViewState {
  readonly filters: readonly ColumnFilter[];
  readonly sort: readonly SortKey[];
  readonly hidden: readonly string[];
  readonly stepsHidden: readonly string[];
  /** Cross-run filter: only runs with a failed step. */
  readonly anyStepFailed?: boolean;
  /** Cross-run filter: only runs slower than the median of runs with the same name. */
  readonly slowerThanMedian?: boolean;
  /** Only runs overlapping this time window (brushed on the timeline); shown as a chip. */
  readonly window?: TimeWindow;
  /** Only runs whose message or any step's message contains this text; absent when empty. */
  readonly search?: string;
}

/** The cross-run filters a view can switch on, shown as chips beside the column filters. */
export type CrossFilter = 'anyStepFailed' | 'slowerThanMedian';

/** The run selected in a format's runs grid (its steps shown beside it), kept so a view link can name it. */
export interface SelectedRun {
  readonly formatKey: string;
  readonly key: readonly CellValue[];
  readonly runId: CellValue;
}

/** The runs mode of one store. */
export interface RunsSession extends TabsState {
  /** The store this session belongs to; a session of another store reads as empty. */
  readonly storeId: string | null;
  /** The format the user chose, by key; null until chosen (or when the store has several and none is picked). */
  readonly formatKey: string | null;
  readonly views: ReadonlyMap<string, RunsViewState>;
  readonly zone: TimeZoneMode;
  readonly selected?: SelectedRun | null;
}

/** A session with nothing chosen yet. */
export function emptySession(storeId: string | null): RunsSession {
  return { storeId, formatKey: null, views: new Map(), zone: 'utc', tabs: [], active: null };
}

/** The session for a store: the kept one when it is that store's, else a fresh one. */
export function sessionFor(session: RunsSession, storeId: string): RunsSession {
  return session.storeId === storeId ? session : emptySession(storeId);
}

/** The steps' normalised status columns, hidden where the format's steps record no status. */
const STATUS_COLUMNS = ['status', 'raw_status'];

/** A format as first shown: no filters, the default (newest first) order, its own columns hidden. */
export function initialView(format: FormatSummary): RunsViewState {
  return {
    filters: [],
    sort: [],
    hidden: defaultHidden('runs', format.runColumns, format.runsTable),
    stepsHidden: [
      ...defaultHidden('steps', format.stepColumns, format.stepsTable, format.stepsShown),
      ...(format.stepsWithoutStatus === true ? STATUS_COLUMNS.filter((c) => format.stepColumns.includes(c)) : []),
    ],
  };
}

/** The kept view of a format, or its initial one. */
export function viewOf(session: RunsSession, format: FormatSummary): RunsViewState {
  return session.views.get(format.key) ?? initialView(format);
}

/** Applies a change to one format's view. */
export function updateView(session: RunsSession, format: FormatSummary, update: (v: RunsViewState) => RunsViewState): RunsSession {
  return { ...session, views: new Map(session.views).set(format.key, update(viewOf(session, format))) };
}

/** The query of the runs grid, facets and count, without sort (the grid adds its own). */
export function runsQuery(format: FormatSummary, view: RunsViewState): ViewQuery {
  return { columns: fetchColumns('runs', format.runColumns, format.runsTable, view.hidden), ...filterQuery(view) };
}

/** The query a runs export runs: the grid's columns, filters and its sort, so the file keeps the order on screen. */
export function runsExportQuery(format: FormatSummary, view: RunsViewState): ViewQuery {
  return { ...runsQuery(format, view), sort: [...view.sort] };
}

/** The filtering part of the runs query (column filters and cross-run filters), for counts and facets. */
export function filterQuery(view: RunsViewState): ViewQuery {
  return {
    filters: [...view.filters],
    sort: [],
    // Only set flags travel, so a view without them asks exactly what it asked before.
    ...(view.anyStepFailed ? { anyStepFailed: true } : {}),
    ...(view.slowerThanMedian ? { slowerThanMedian: true } : {}),
    ...(view.window ? { window: view.window } : {}),
    ...(view.search ? { search: view.search } : {}),
  };
}

/** The cross-run filters switched on in a view, in the order their chips show. */
export function activeCrossFilters(view: RunsViewState): CrossFilter[] {
  return (['anyStepFailed', 'slowerThanMedian'] as const).filter((f) => view[f] === true);
}

/** Switches a cross-run filter on or off. */
export function setCrossFilter(view: RunsViewState, filter: CrossFilter, on: boolean): RunsViewState {
  const { [filter]: _dropped, ...rest } = view;
  return on ? { ...rest, [filter]: true } : rest;
}

/** True when the view filters runs at all (column filters or cross-run filters). */
export function isFiltered(view: RunsViewState): boolean {
  return view.filters.length > 0 || activeCrossFilters(view).length > 0 || view.window !== undefined || view.search !== undefined;
}

/** Sets the search across runs and steps; blank text removes it. */
export function setSearch(view: RunsViewState, text: string): RunsViewState {
  const { search: _dropped, ...rest } = view;
  return text.trim() === '' ? rest : { ...rest, search: text.trim() };
}

/** Sets the time window filter, or removes it (null). */
export function setWindow(view: RunsViewState, window: TimeWindow | null): RunsViewState {
  const { window: _dropped, ...rest } = view;
  return window === null ? rest : { ...rest, window };
}

/** The picked format: the kept choice when the store still has it, else the only one, else none. */
export function pickedFormat(formats: readonly FormatSummary[], chosen: string | null): FormatSummary | null {
  const kept = formats.find((f) => f.key === chosen);
  if (kept) {
    return kept;
  }
  return formats.length === 1 ? formats[0] ?? null : null;
}

/** Format choices remembered per store location for this app session, so reopening a store keeps it. */
const remembered = new Map<string, string>();

/** Remembers the format chosen for a store location. */
export function rememberFormat(location: string, formatKey: string): void {
  remembered.set(location, formatKey);
}

/** The format last chosen for a store location in this app session, if any. */
export function rememberedFormat(location: string): string | null {
  return remembered.get(location) ?? null;
}

/** The export subjects of the runs view: the runs the grid shows, and steps (of one run or of the runs shown). */
import type { FormatSummary } from '../../../shared/api/contract';
import type { RowCount } from '../../../shared/model/catalog';
import type { CellValue } from '../../../shared/model/values';
import type { ColumnFilter, TimeWindow, ViewQuery } from '../../../shared/model/view-request';
import { STEP_RUN_COLUMNS } from '../../../shared/query/runs-view';
import type { ApiCall } from '../../app/api-types';
import { describeSort } from '../../export/describe-sort';
import type { ExportSubject } from '../../export/export-subject';
import { describeFilter } from '../../grid/filter-form';
import { describeWindow } from './time-window';

/**
 * The export subject of a runs view: the runs the grid shows (columns, filters, sort and the
 * cross-run toggles), written through `export.startView` by the same plans as the grid.
 */
export function runsExportSubject(
  call: ApiCall, storeId: string, format: FormatSummary, query: ViewQuery, count: RowCount | null, stepColumns?: readonly string[],
): ExportSubject {
  const toggles = [
    ...(query.anyStepFailed ? ['any step failed'] : []),
    ...(query.slowerThanMedian ? ["slower than the name's median"] : []),
    ...(query.window ? [describeWindow(query.window)] : []),
    ...(query.search ? [`“${query.search}” in runs or steps`] : []),
  ];
  const runs: ExportSubject = {
    title: `${format.title}: runs`,
    fileName: `${format.id}-runs.csv`,
    columns: query.columns ?? format.runColumns,
    filters: [...query.filters.map((f) => describeFilter(f)), ...toggles],
    order: describeSort(query.sort),
    count,
    start: (options) => call('export.startView', { storeId, format: format.key, kind: 'runs', query, options }),
  };
  if (stepColumns === undefined || format.stepsTable === null) {
    return runs;
  }
  // The steps export selects runs by column filters and the time window; the other cross-run
  // toggles have no such form, so exporting "the steps of these runs" under them would quietly
  // export the steps of other runs.
  const blocking = toggles.length - (query.window ? 1 : 0);
  const onlySearch = blocking === 1 && query.search !== undefined;
  const unavailable = blocking === 0
    ? null
    : onlySearch
      ? 'Not while a search is on: a steps export selects runs by column filters and the time window only. Clear the search to export the steps of these runs.'
      : 'Not while "Any step failed", "Slower than median" or a search is on: a steps export selects runs by column filters and the time window only. Switch them off to export the steps of these runs.';
  const scope: StepsScope = { kind: 'runs', runFilters: query.filters, ...(query.window ? { window: query.window } : {}) };
  const steps = stepsExportSubject(call, storeId, format, scope, stepColumns, null);
  return { ...runs, alternative: { ownLabel: 'Runs', label: 'Steps of these runs', subject: steps, unavailable } };
}

/** Whose steps a steps export writes: one run, or every run matching the runs view's column filters. */
export type StepsScope =
  | { readonly kind: 'run'; readonly runKey: readonly CellValue[]; readonly runId: string; readonly runName: string | null }
  | { readonly kind: 'runs'; readonly runFilters: readonly ColumnFilter[]; readonly window?: TimeWindow };

/**
 * The export subject of steps, each with its run's columns in front (STEP_RUN_COLUMNS, then the
 * visible step columns). `count` is the steps of one run when the pane knows it; otherwise the
 * dialog counts them ahead on the server (`export.countView`, the export's own plan).
 */
export function stepsExportSubject(
  call: ApiCall, storeId: string, format: FormatSummary, scope: StepsScope, stepColumns: readonly string[], count: RowCount | null,
): ExportSubject {
  // Named in full (the server would add the run columns anyway): with every step column hidden,
  // an empty list would mean "all columns" to the server, ordering helpers included.
  const columns = [...STEP_RUN_COLUMNS, ...stepColumns.filter((c) => !STEP_RUN_COLUMNS.includes(c))];
  const one = scope.kind === 'run' ? scope : null;
  const runFilters = scope.kind === 'runs' ? scope.runFilters : [];
  const window = scope.kind === 'runs' ? scope.window : undefined;
  // The steps grid neither filters nor sorts: the server's order is the format's step order.
  const query: ViewQuery = { columns, filters: [], sort: [], ...(runFilters.length > 0 ? { runFilters: [...runFilters] } : {}), ...(window ? { window } : {}) };
  const runLabel = one ? (one.runName ?? (one.runId !== '' ? one.runId : 'the run')) : null;
  const fileName = runLabel !== null ? `${format.id}-steps-${fileSafe(runLabel)}.csv` : `${format.id}-steps.csv`;
  return {
    title: runLabel !== null ? `${format.title}: steps of ${runLabel}` : `${format.title}: steps of the runs shown`,
    fileName,
    columns,
    filters: one ? [one.runId !== '' ? `run_id = ${one.runId}` : 'this run only'] : [...runFilters.map((f) => `run ${describeFilter(f)}`), ...(window ? [`runs overlapping ${describeWindow(window)}`] : [])],
    count: one ? count : null,
    countAhead: () => call('export.countView', { storeId, format: format.key, kind: 'steps', query, ...(one ? { runKey: [...one.runKey] } : {}) }),
    unfiltered: 'None: every step of every run',
    start: (options) => call('export.startView', {
      storeId, format: format.key, kind: 'steps', query, ...(one ? { runKey: [...one.runKey] } : {}), options, target: fileName,
    }),
  };
}

/** A run's name or id as part of a file name: ids like `uuid / model` would otherwise become folders. */
function fileSafe(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+|[._]+$/g, '').slice(0, 80);
  return safe === '' ? 'run' : safe;
}

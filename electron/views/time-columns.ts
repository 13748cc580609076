/**
 * The time columns of a format's runs and steps views, with the families the engine needs to read
 * them as epoch milliseconds, and the time window as a plan condition over them.
 */
import { AuditlensError } from '../../shared/api/result';
import type { ColumnFamily } from '../../shared/model/catalog';
import type { TimeWindow } from '../../shared/model/view-request';
import type { OverlapCondition, TimeColumn } from '../../shared/query/plan';
import type { AuditView } from '../../shared/query/runs-view';
import type { StoreFormat } from './store-formats';

/** The machine's IANA time zone: where naive local times of a format were written. */
export function machineZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * The family of the store column behind a normalised view column: `started_at` is declared
 * temporal, but the column it shows may hold epoch numbers, which Postgres reads differently.
 */
function familyOf(view: AuditView, baseTable: string, column: string | undefined): ColumnFamily {
  if (column === undefined) {
    return 'temporal';
  }
  return view.table.columns.find((c) => c.name === `${baseTable}.${column}`)?.family ?? 'temporal';
}

/** The runs view's start and end columns, or null when the format's runs have no start time. */
export function runTimes(f: StoreFormat): { readonly start: TimeColumn; readonly end: TimeColumn | null } | null {
  const r = f.model.runs;
  if (r.started === undefined) {
    return null;
  }
  const table = r.table.name;
  return {
    start: { name: 'started_at', family: familyOf(f.runs, table, r.started) },
    end: r.ended === undefined ? null : { name: 'ended_at', family: familyOf(f.runs, table, r.ended) },
  };
}

/** The family of one of the steps table's own columns (as the steps view names it). */
export function stepColumnFamily(f: StoreFormat, column: string): ColumnFamily {
  const steps = f.model.steps;
  return steps && f.steps ? familyOf(f.steps, steps.table.name, column) : 'temporal';
}

/** Epoch milliseconds of an ISO instant that the request schema has already checked. */
export function instantMs(iso: string): number {
  return Date.parse(iso);
}

/** The window as a condition on the runs view: runs that overlap it. A typed error for formats without times. */
export function windowCondition(f: StoreFormat, window: TimeWindow, zone: string = machineZone()): OverlapCondition {
  const times = runTimes(f);
  if (!times) {
    throw new AuditlensError('unsupported', `The ${f.model.formatId} format has no start times, so it cannot be narrowed to a time window.`);
  }
  return { kind: 'overlaps', start: times.start, end: times.end, fromMs: instantMs(window.from), toMs: instantMs(window.to), naive: f.model.naiveTime, zone };
}

/**
 * A timeline request checked against its format: the format has times, the lane column exists,
 * and the runs and steps views' columns are described the way the timeline SQL reads them.
 */
import { AuditlensError } from '../../shared/api/result';
import { stepInterval } from '../../shared/model/audit-model';
import type { TimelineRequest } from '../../shared/model/view-request';
import type { CellValue } from '../../shared/model/values';
import { cellToText } from '../../shared/model/values';
import type { StepItems } from '../../shared/query/step-intervals-sql';
import type { MsWindow, RunItems } from '../../shared/query/timeline-sql';
import type { StoreFormat } from './store-formats';
import { instantMs, runTimes, stepColumnFamily } from './time-columns';

/** A timeline request as handlers and the CLI pass it (the view request without its kind). */
export type TimelineInput = Omit<TimelineRequest, 'kind'>;

/** The format's runs on the time axis, or a typed error when it has no times. */
export function timedRuns(f: StoreFormat): NonNullable<ReturnType<typeof runTimes>> {
  const times = runTimes(f);
  if (!times) {
    throw new AuditlensError('unsupported', `The ${f.model.formatId} format has no start times, so it has no timeline.`);
  }
  if (!f.model.timeline) {
    throw new AuditlensError('unsupported', `"${f.model.title}" has no timeline: its rows are single events, not runs.`);
  }
  return times;
}

/** The lane column asked for, or the format's default; a typed error naming the choices when it does not exist. */
export function laneColumn(f: StoreFormat, asked: string | null): string {
  const lane = asked ?? f.model.timelineLane ?? 'run_name';
  const names = f.runs.table.columns.map((c) => c.name);
  if (!names.includes(lane)) {
    const some = names.filter((n) => !n.includes('.')).join(', ');
    throw new AuditlensError('unknown-column', `The ${f.model.formatId} runs have no column named "${lane}" to make lanes of; try one of: ${some}.`);
  }
  return lane;
}

/** The runs view's items for the timeline SQL: lanes by `lane`, times as the format reads them. */
export function runItems(f: StoreFormat, lane: string, zone: string): RunItems {
  const times = timedRuns(f);
  return { lane, start: times.start, end: times.end, naive: f.model.naiveTime, zone };
}

/** The steps view's items for the interval SQL, or null when the format's steps have no times. */
export function stepItems(f: StoreFormat, zone: string): StepItems | null {
  const steps = f.model.steps;
  const interval = steps ? stepInterval(steps) : null;
  if (!steps || !f.steps || !interval || steps.at === undefined) {
    return null;
  }
  const own = (column: string): string => `${steps.table.name}.${column}`;
  const intervalColumn = interval.kind === 'end' || interval.kind === 'duration'
    ? { name: own(interval.column), family: stepColumnFamily(f, interval.column) }
    : null;
  return {
    at: { name: 'at', family: stepColumnFamily(f, steps.at) },
    interval,
    intervalColumn,
    node: steps.node === undefined ? null : own(steps.node),
    naive: f.model.naiveTime,
    zone,
  };
}

/** The request's window in epoch milliseconds, or null for "the whole filtered range". */
export function requestWindow(req: TimelineInput): MsWindow | null {
  return req.window ? { fromMs: instantMs(req.window.from), toMs: instantMs(req.window.to) } : null;
}

/** A time value from a result row as a number of milliseconds (Postgres sends numerics as text). */
export function msOf(v: CellValue | undefined): number | null {
  if (v === null || v === undefined) {
    return null;
  }
  const n = typeof v === 'number' ? v : Number(cellToText(v));
  return Number.isFinite(n) ? Math.round(n) : null;
}

/** A count from a result row. */
export function countOf(v: CellValue | undefined): number {
  return msOf(v) ?? 0;
}

/** A value of a result row that can be bound back as a parameter (a lane key, a run key). */
export function bindable(v: CellValue): string | number | null | undefined {
  if (v === null || typeof v === 'string' || typeof v === 'number') {
    return v;
  }
  if (typeof v === 'boolean') {
    return v ? 1 : 0;
  }
  return v.t === 'int' ? v.v : undefined;
}

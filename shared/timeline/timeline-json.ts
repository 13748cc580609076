/**
 * The timeline as `auditlens timeline --out x.json` writes it (issue 11 item 9): the window, lanes
 * with their bars and buckets, and the total, with times as ISO 8601 with an offset, in UTC or in
 * this machine's zone.
 */
import type { StatusClass } from '../model/status';
import type { TimelineResult } from '../model/timeline';
import type { CellValue } from '../model/values';
import { cellToText } from '../model/values';
import { formatIso } from '../model/timestamps';

/** A bar as the JSON writes it. */
export interface TimelineJsonBar {
  readonly id: string;
  readonly name: string | null;
  readonly start: string;
  readonly end: string | null;
  readonly status: StatusClass;
}

/** A bucket as the JSON writes it. */
export interface TimelineJsonBucket {
  readonly from: string;
  readonly to: string;
  readonly count: number;
  readonly byStatus: Readonly<Partial<Record<StatusClass, number>>>;
}

/** The whole document. */
export interface TimelineJson {
  readonly window: { readonly from: string; readonly to: string } | null;
  readonly lanes: readonly {
    readonly key: string | number | boolean | null;
    readonly label: string;
    readonly bars: readonly TimelineJsonBar[];
    readonly buckets: readonly TimelineJsonBucket[];
  }[];
  readonly total: number;
}

/** Epoch milliseconds as ISO 8601 with milliseconds and an offset (`Z` in UTC). */
export function isoOf(ms: number, zone: 'utc' | 'local'): string {
  const whole = Math.floor(ms);
  const millis = ((whole % 1_000) + 1_000) % 1_000;
  return formatIso({ epochMs: whole, fractionDigits: 3, fractionNanos: millis * 1_000_000, offsetMinutes: null }, zone);
}

/** A lane key as JSON: numbers, text and booleans as they are, wide integers and cut text as text. */
function keyOf(key: CellValue): string | number | boolean | null {
  return key === null || typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean' ? key : cellToText(key);
}

/** The result as the CLI's JSON document. */
export function timelineJson(r: TimelineResult, zone: 'utc' | 'local'): TimelineJson {
  return {
    window: r.window ? { from: isoOf(r.window.fromMs, zone), to: isoOf(r.window.toMs, zone) } : null,
    lanes: r.lanes.map((l) => ({
      key: keyOf(l.key),
      label: l.label,
      bars: l.bars.map((b) => ({ id: b.id, name: b.name, start: isoOf(b.startMs, zone), end: b.endMs === null ? null : isoOf(b.endMs, zone), status: b.status })),
      buckets: l.buckets.map((b) => ({ from: isoOf(b.fromMs, zone), to: isoOf(b.toMs, zone), count: b.count, byStatus: b.byStatus })),
    })),
    total: r.total,
  };
}

/** Sentences about what the JSON leaves out, for the terminal: lanes beyond the budget, items with no start. */
export function timelineNotes(r: TimelineResult): string[] {
  const what = r.items === 'steps' ? 'steps' : 'runs';
  const notes: string[] = [];
  if (r.moreLanes > 0) {
    const items = r.total - r.lanes.reduce((a, l) => a + l.count, 0);
    notes.push(`${r.moreLanes.toLocaleString('en-US')} more ${r.items === 'steps' ? 'steps and nested runs' : 'lanes'} with ${items.toLocaleString('en-US')} ${what} are counted in "total" but not listed; narrow the window or filter to see them.`);
  }
  if (r.untimed > 0) {
    notes.push(`${r.untimed.toLocaleString('en-US')} ${r.untimed === 1 ? what.slice(0, -1) : what} ${r.untimed === 1 ? 'has' : 'have'} no start time that Auditlens can read, so ${r.untimed === 1 ? 'it is' : 'they are'} not on the timeline.`);
  }
  return notes;
}

/**
 * Two runs' waterfalls side by side, aligned at their starts: each step of run A matched with the
 * step of the same name in run B (the n-th step of a name with the n-th), both measured from their
 * own run's start, and whether B's step took markedly longer or shorter. The view and its tests
 * share it; nothing here knows about pixels beyond a linear offset axis.
 */
import type { StatusClass } from '../model/status';
import type { TimelineBar, TimelineResult } from '../model/timeline';
import { formatDuration } from './time-ticks';

/** One side of a matched step, in milliseconds from its run's start. */
export interface CompareSide {
  readonly id: string;
  readonly offsetMs: number;
  /** Null for a point event (a tick). */
  readonly durationMs: number | null;
  readonly status: StatusClass;
  readonly running: boolean;
}

/** How B's duration compares with A's. */
export type DurationChange = 'slower' | 'faster' | 'same' | 'only-a' | 'only-b' | 'no-duration';

/** A step name of either run, with both sides. */
export interface CompareRow {
  readonly key: string;
  readonly name: string;
  /** 1 for the first step of this name in a run, 2 for a repeat, … */
  readonly occurrence: number;
  readonly a: CompareSide | null;
  readonly b: CompareSide | null;
  /** B's duration minus A's, when both have one. */
  readonly deltaMs: number | null;
  readonly change: DurationChange;
}

/** The comparison of two runs' waterfalls. */
export interface WaterfallComparison {
  readonly rows: readonly CompareRow[];
  /** The longest offset either run reaches: the axis runs from 0 to this. */
  readonly spanMs: number;
  readonly a: { readonly durationMs: number | null };
  readonly b: { readonly durationMs: number | null };
  /** How run B's whole duration compares with run A's. */
  readonly change: DurationChange;
  readonly deltaMs: number | null;
  /** Steps left out because the engine answered with buckets (more steps than the budget). */
  readonly uncompared: number;
}

/** Durations differ when apart by more than this share of the longer one… */
export const CHANGE_SHARE = 0.2;
/** …and by more than this many milliseconds (clock rounding and jitter are not a change). */
export const CHANGE_MIN_MS = 500;

/** Whether B's duration is markedly longer or shorter than A's. */
export function durationChange(aMs: number | null | undefined, bMs: number | null | undefined): DurationChange {
  if (aMs === undefined && bMs === undefined) {
    return 'no-duration';
  }
  if (aMs === undefined) {
    return 'only-b';
  }
  if (bMs === undefined) {
    return 'only-a';
  }
  if (aMs === null || bMs === null) {
    return 'no-duration';
  }
  const d = bMs - aMs;
  if (Math.abs(d) <= Math.max(CHANGE_MIN_MS, CHANGE_SHARE * Math.max(aMs, bMs))) {
    return 'same';
  }
  return d > 0 ? 'slower' : 'faster';
}

/** Where a waterfall starts: its run's start, else the first step's. */
function originOf(r: TimelineResult): number {
  if (r.run) {
    return r.run.startMs;
  }
  let lo = Infinity;
  for (const l of r.lanes) {
    for (const b of l.bars) {
      lo = Math.min(lo, b.startMs);
    }
  }
  return Number.isFinite(lo) ? lo : 0;
}

function endOf(b: TimelineBar, nowMs: number): number | null {
  return b.running ? Math.max(nowMs, b.startMs) : b.endMs;
}

/** A run's steps keyed `occurrence\u0000name`, in lane order. */
function sidesOf(r: TimelineResult, nowMs: number): Map<string, { name: string; occurrence: number; side: CompareSide }> {
  const origin = originOf(r);
  const seen = new Map<string, number>();
  const out = new Map<string, { name: string; occurrence: number; side: CompareSide }>();
  for (const lane of r.lanes) {
    for (const b of lane.bars) {
      const name = b.name ?? lane.label;
      const occurrence = (seen.get(name) ?? 0) + 1;
      seen.set(name, occurrence);
      const end = endOf(b, nowMs);
      out.set(`${occurrence}\u0000${name}`, {
        name, occurrence,
        side: { id: b.id, offsetMs: b.startMs - origin, durationMs: end === null ? null : Math.max(0, end - b.startMs), status: b.status, running: b.running },
      });
    }
  }
  return out;
}

function runDuration(r: TimelineResult, nowMs: number): number | null {
  const end = r.run ? endOf(r.run, nowMs) : null;
  return r.run && end !== null ? Math.max(0, end - r.run.startMs) : null;
}

/**
 * Matches run A's steps with run B's by name (in A's order, then the steps only B has, by their
 * offset) and says, per step and for the whole run, whether B took markedly longer or shorter.
 * A running step counts up to `nowMs`.
 */
export function compareWaterfalls(a: TimelineResult, b: TimelineResult, nowMs: number): WaterfallComparison {
  const sa = sidesOf(a, nowMs);
  const sb = sidesOf(b, nowMs);
  const onlyB = [...sb.entries()].filter(([k]) => !sa.has(k)).sort((x, y) => x[1].side.offsetMs - y[1].side.offsetMs).map(([k]) => k);
  let spanMs = 0;
  const rows = [...sa.keys(), ...onlyB].map((key): CompareRow => {
    const x = sa.get(key);
    const y = sb.get(key);
    const meta = (x ?? y) as { name: string; occurrence: number };
    for (const s of [x?.side, y?.side]) {
      if (s) {
        spanMs = Math.max(spanMs, s.offsetMs + (s.durationMs ?? 0));
      }
    }
    const change = durationChange(x ? x.side.durationMs : undefined, y ? y.side.durationMs : undefined);
    const deltaMs = x && y && x.side.durationMs !== null && y.side.durationMs !== null ? y.side.durationMs - x.side.durationMs : null;
    return { key, name: meta.name, occurrence: meta.occurrence, a: x?.side ?? null, b: y?.side ?? null, deltaMs, change };
  });
  const da = runDuration(a, nowMs);
  const db = runDuration(b, nowMs);
  spanMs = Math.max(spanMs, da ?? 0, db ?? 0);
  const uncompared = [a, b].reduce((n, r) => n + r.lanes.reduce((m, l) => m + l.buckets.reduce((k, x) => k + x.count, 0), 0), 0);
  return {
    rows, spanMs: Math.max(spanMs, 1), a: { durationMs: da }, b: { durationMs: db },
    change: durationChange(da, db), deltaMs: da !== null && db !== null ? db - da : null, uncompared,
  };
}

/** Rows left after "hide steps shorter than": a row stays when either side lasted at least `minMs`. */
export function visibleCompareRows(rows: readonly CompareRow[], minMs: number): readonly CompareRow[] {
  return minMs <= 0 ? rows : rows.filter((r) => (r.a?.durationMs ?? 0) >= minMs || (r.b?.durationMs ?? 0) >= minMs);
}

/** A signed difference as a person reads it: `+1 min 05 s`, `−850 ms`, `±0 ms`. */
export function deltaText(ms: number): string {
  if (ms === 0) {
    return '±0 ms';
  }
  return `${ms > 0 ? '+' : '−'}${formatDuration(Math.abs(ms))}`;
}

/** Steps of an offset axis, from 1 ms to a week. */
const STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 10e3, 15e3, 30e3, 60e3, 120e3, 300e3, 600e3, 900e3, 1_800e3, 3_600e3, 7_200e3, 10_800e3, 21_600e3, 43_200e3, 86_400e3, 172_800e3, 604_800e3];

/** A tick of the offset axis. */
export interface OffsetTick {
  readonly ms: number;
  readonly x: number;
  readonly label: string;
}

/** The x of an offset on an axis from 0 to `spanMs` drawn `widthPx` wide. */
export function offsetX(ms: number, spanMs: number, widthPx: number): number {
  return (ms / spanMs) * widthPx;
}

/** Ticks of the offset axis at least `minPx` apart, labelled from the runs' start (`+0`, `+30 s`, `+2 min 00 s`). */
export function offsetTicks(spanMs: number, widthPx: number, minPx = 80): OffsetTick[] {
  const want = (spanMs * minPx) / Math.max(1, widthPx);
  const step = STEPS.find((s) => s >= want) ?? Math.ceil(want / 604_800e3) * 604_800e3;
  const ticks: OffsetTick[] = [];
  for (let t = 0; t <= spanMs && ticks.length < 500; t += step) {
    ticks.push({ ms: t, x: offsetX(t, spanMs, widthPx), label: t === 0 ? '+0' : `+${formatDuration(t)}` });
  }
  return ticks;
}

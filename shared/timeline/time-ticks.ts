/**
 * The time ruler's ticks: the smallest "round" step (1 ms … 10 years) that keeps labels at least
 * a minimum distance apart, ticks aligned to that step on the wall clock of the chosen offset
 * (UTC or the machine's), and a label saying as much as the step needs. Months and years are
 * calendar steps (not fixed milliseconds), so a tick lands on the 1st of a month.
 */
import type { TimeScale } from './time-scale';
import { xOf } from './time-scale';

/** A step of the ruler: fixed milliseconds, or a number of calendar months. */
export interface TickStep {
  readonly unit: 'ms' | 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';
  /** How many units one step spans. */
  readonly n: number;
  /** The step's approximate length, for choosing it. */
  readonly approxMs: number;
}

/** One tick of the ruler. */
export interface Tick {
  readonly ms: number;
  readonly x: number;
  readonly label: string;
  /** A tick that starts a larger unit (a new day, month or year): drawn stronger, labelled with it. */
  readonly major: boolean;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function fixed(unit: TickStep['unit'], n: number, unitMs: number): TickStep {
  return { unit, n, approxMs: n * unitMs };
}

/** Every step the ruler may use, shortest first. */
export const TICK_STEPS: readonly TickStep[] = [
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500].map((n) => fixed('ms', n, 1)),
  ...[1, 2, 5, 10, 15, 30].map((n) => fixed('second', n, SECOND)),
  ...[1, 2, 5, 10, 15, 30].map((n) => fixed('minute', n, MINUTE)),
  ...[1, 2, 3, 6, 12].map((n) => fixed('hour', n, HOUR)),
  ...[1, 2, 7, 14].map((n) => fixed('day', n, DAY)),
  ...[1, 2, 3, 6].map((n) => fixed('month', n, 30.44 * DAY)),
  ...[1, 2, 5, 10, 20, 50, 100].map((n) => fixed('year', n, 365.25 * DAY)),
];

/** The smallest step whose ticks are at least `minPx` apart on this scale (the largest one otherwise). */
export function chooseStep(s: TimeScale, minPx: number): TickStep {
  const msPx = (s.toMs - s.fromMs) / s.widthPx;
  return TICK_STEPS.find((t) => t.approxMs / msPx >= minPx) ?? (TICK_STEPS[TICK_STEPS.length - 1] as TickStep);
}

/** The wall-clock fields of an instant at an offset (minutes east of UTC). */
function wall(ms: number, offsetMin: number): Date {
  return new Date(ms + offsetMin * MINUTE);
}

/** The first tick at or after `ms` for a step, on the wall clock of the offset. */
function firstTick(ms: number, step: TickStep, offsetMin: number): number {
  const off = offsetMin * MINUTE;
  if (step.unit === 'month' || step.unit === 'year') {
    const d = wall(ms, offsetMin);
    const months = step.unit === 'year' ? 12 * step.n : step.n;
    const index = d.getUTCFullYear() * 12 + d.getUTCMonth();
    let m = Math.floor(index / months) * months;
    let t = Date.UTC(Math.floor(m / 12), m % 12, 1) - off;
    while (t < ms) {
      m += months;
      t = Date.UTC(Math.floor(m / 12), m % 12, 1) - off;
    }
    return t;
  }
  const size = step.approxMs;
  // Weeks start on Monday (1970-01-05 was one); other steps align to the epoch on the wall clock.
  const base = step.unit === 'day' && step.n >= 7 ? 4 * DAY : 0;
  return Math.ceil((ms + off - base) / size) * size - off + base;
}

/** The tick after `t`. */
function nextTick(t: number, step: TickStep, offsetMin: number): number {
  if (step.unit === 'month' || step.unit === 'year') {
    return firstTick(t + 1, step, offsetMin);
  }
  return t + step.approxMs;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** A tick's label: the finest field the step shows, with the date where a new day (month, year) starts. */
export function tickLabel(ms: number, step: TickStep, offsetMin: number): { readonly label: string; readonly major: boolean } {
  const d = wall(ms, offsetMin);
  const y = d.getUTCFullYear();
  const mon = MONTHS[d.getUTCMonth()] ?? '';
  const day = d.getUTCDate();
  const hm = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  const midnight = d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0;
  switch (step.unit) {
    case 'year':
      return { label: String(y), major: true };
    case 'month':
      return d.getUTCMonth() === 0 ? { label: String(y), major: true } : { label: mon, major: false };
    case 'day':
      return day === 1 ? { label: `${mon} ${y}`, major: true } : { label: `${mon} ${day}`, major: false };
    case 'hour':
    case 'minute':
      return midnight ? { label: `${mon} ${day}`, major: true } : { label: hm, major: false };
    case 'second':
      return midnight ? { label: `${mon} ${day}`, major: true } : { label: `${hm}:${two(d.getUTCSeconds())}`, major: d.getUTCSeconds() === 0 };
    case 'ms':
      return d.getUTCMilliseconds() === 0
        ? { label: `${hm}:${two(d.getUTCSeconds())}`, major: true }
        : { label: `.${String(d.getUTCMilliseconds()).padStart(3, '0')}`, major: false };
  }
}

/** The ticks of a scale, labels at least `minPx` apart, on the wall clock `offsetMin` minutes east of UTC. */
export function timeTicks(s: TimeScale, minPx = 90, offsetMin = 0): Tick[] {
  const step = chooseStep(s, minPx);
  const ticks: Tick[] = [];
  for (let t = firstTick(s.fromMs, step, offsetMin); t <= s.toMs && ticks.length < 1_000; t = nextTick(t, step, offsetMin)) {
    ticks.push({ ms: t, x: xOf(s, t), ...tickLabel(t, step, offsetMin) });
  }
  return ticks;
}

/** A duration as a person reads it: 850 ms, 12.4 s, 3 min 20 s, 2 h 05 min, 3 d 4 h. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) {
    return '—';
  }
  if (ms < SECOND) {
    return `${Math.round(ms)} ms`;
  }
  if (ms < MINUTE) {
    return `${(ms / SECOND).toFixed(ms < 10 * SECOND ? 2 : 1)} s`;
  }
  // Round the whole to the smaller unit first, so 23 h 59 min 40 s reads "1 d 0 h", never "23 h 60 min".
  if (ms < HOUR - SECOND / 2) {
    const total = Math.round(ms / SECOND);
    return `${Math.floor(total / 60)} min ${two(total % 60)} s`;
  }
  if (ms < DAY - MINUTE / 2) {
    const total = Math.round(ms / MINUTE);
    return `${Math.floor(total / 60)} h ${two(total % 60)} min`;
  }
  const total = Math.round(ms / HOUR);
  return `${Math.floor(total / 24)} d ${total % 24} h`;
}

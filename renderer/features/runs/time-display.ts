/**
 * Stored timestamps as the runs view shows them, in UTC or in this machine's local time.
 *
 * Parsing is the shared parser's (`shared/model/timestamps.ts`): `YYYY-MM-DD HH:MM:SS[.fff]`,
 * ISO with `T`, `Z` or `±HH:MM` offsets. A value with an offset is an instant and is converted.
 * A naive value (no zone) is read by the format's convention (`naive`: UTC, or the writer's local
 * clock, which is this machine's) and converted like the others, so one screen never mixes zones;
 * without a convention it is shown exactly as stored and marked "as stored". Text that is not a
 * timestamp is shown as it is.
 */
import { formatIso, parseTimestamp } from '../../../shared/model/timestamps';

/** Which clock the view shows times in. */
export type TimeZoneMode = 'utc' | 'local';

/** A timestamp ready for a cell: the text, a tooltip that explains it, and whether it is unconverted. */
export interface TimeDisplay {
  readonly text: string;
  readonly title: string;
  /** True when `text` is the stored text unchanged (a naive value, or not a timestamp). */
  readonly asStored: boolean;
}

/** Minutes east of UTC of this machine's clock at an instant. */
export type LocalOffset = (epochMs: number) => number;

/** This machine's offset at an instant (DST-aware), rounded to whole minutes. */
export function machineOffset(epochMs: number): number {
  return Math.round(-new Date(epochMs).getTimezoneOffset());
}

/** Options of `displayTime`. */
export interface DisplayTimeOptions {
  /** Fraction digits shown at most (cut, not rounded, so order is kept); the tooltip keeps them all. */
  readonly maxFractionDigits?: number;
  /** This machine's offset; injectable for tests. */
  readonly offset?: LocalOffset;
  /** The format's convention for values without a zone; absent: such values show as stored. */
  readonly naive?: NaiveConvention;
}

/** What a format's times without a zone mean: UTC, or the writer's (this machine's) local time. */
export type NaiveConvention = 'utc' | 'local';

/** The convention as the UI says it. */
export function naiveLabel(naive: NaiveConvention): string {
  return naive === 'utc' ? 'UTC' : "this computer's local time";
}

/** How one stored timestamp displays in a zone mode. */
export function displayTime(stored: string, zone: TimeZoneMode, options: DisplayTimeOptions = {}): TimeDisplay {
  const { maxFractionDigits = 9, offset = machineOffset, naive } = options;
  const parsed = parseTimestamp(stored.trim(), naive ? { naive } : {});
  if (parsed === null) {
    return { text: stored, title: `${stored}\nas stored (not a recognised date and time)`, asStored: true };
  }
  if (parsed.offsetMinutes === null && naive === undefined) {
    return { text: cutFraction(stored, maxFractionDigits), title: `${stored}\nas stored (no time zone in the store)`, asStored: true };
  }
  const minutes = zone === 'utc' ? 0 : offset(parsed.epochMs);
  const full = wallTime(parsed, minutes);
  const where = zone === 'utc' ? 'UTC' : `local time (UTC${offsetText(minutes)})`;
  const read = parsed.offsetMinutes === null && naive ? ` (no zone: read as ${naiveLabel(naive)}, this format's convention)` : '';
  return { text: cutFraction(full, maxFractionDigits), title: `${full} ${where}\nstored as ${stored}${read}`, asStored: false };
}

/** `+02:00`, `-05:30`: an offset in minutes as ISO writes it. */
export function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Cuts the seconds' fraction of a date-time text to `digits` (a dot with no digits left goes too). */
function cutFraction(text: string, digits: number): string {
  return text.replace(/([.,])(\d+)/, (_m, dot: string, frac: string) => (digits <= 0 ? '' : `${dot}${frac.slice(0, digits)}`));
}

/** The wall-clock text at an offset, `YYYY-MM-DD HH:MM:SS[.fff]`, keeping the stored precision. */
function wallTime(parsed: NonNullable<ReturnType<typeof parseTimestamp>>, offsetMinutes: number): string {
  // formatIso writes UTC; shifting the instant first gives the wall time at the offset.
  const iso = formatIso({ ...parsed, epochMs: parsed.epochMs + offsetMinutes * 60_000 }, 'utc');
  return iso.replace('T', ' ').replace(/Z$/, '');
}

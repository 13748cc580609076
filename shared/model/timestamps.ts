/**
 * One timestamp parser for every audit format Auditlens reads (audit-formats.md §7.1): SQL-style
 * `YYYY-MM-DD HH:MM:SS`, ISO 8601 with `T`, fractions of up to 9 digits, `Z` / `±HH:MM` / `±HHMM` /
 * `±HH` offsets, zone-less values, single-digit hours, `%Y%m%d%H%M%S` folder names and the 20-digit
 * prefix of ddeutil run ids. Pure arithmetic (no `Date` parsing), so results never depend on the
 * JavaScript engine's lenient date parser; only naive-as-local and local formatting consult `Date`.
 */

/** A parsed timestamp: the instant, the precision it was written with, and its offset if it had one. */
export interface ParsedTimestamp {
  /** Milliseconds since 1970-01-01T00:00:00Z (naive values are placed by the `naive` option). */
  readonly epochMs: number;
  /** Digits after the seconds' decimal point in the source (0–9); formatting keeps this precision. */
  readonly fractionDigits: number;
  /** The fraction of the second in nanoseconds (0–999,999,999), finer than `epochMs` can hold. */
  readonly fractionNanos: number;
  /** The written UTC offset in minutes, or null for a naive value (no zone in the text). */
  readonly offsetMinutes: number | null;
}

/** How to place naive values on the timeline: as UTC (the default) or as this machine's local time. */
export interface ParseTimestampOptions {
  readonly naive?: 'utc' | 'local';
}

const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?: ?(Z|z|UTC|[+-]\d{2}(?::?\d{2})?))?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:(\d{6})(?:T[0-9A-Za-z]*)?)?$/;

/**
 * Parses one stored timestamp, or returns null when the text is not a complete date and time
 * (a date alone, an impossible day, a stray space) so callers can keep such values as stored.
 */
export function parseTimestamp(text: string, options: ParseTimestampOptions = {}): ParsedTimestamp | null {
  if (text.length < 14 || text.length > 40) {
    return null;
  }
  const iso = ISO_LIKE.exec(text);
  if (iso) {
    return build(iso[1], iso[2], iso[3], iso[4], iso[5], iso[6], iso[7], iso[8], options);
  }
  const compact = COMPACT.exec(text);
  if (compact) {
    // A 20-digit ddeutil run id is `utcnow:%Y%m%d%H%M%S%f`, so it is UTC; a bare 14-digit folder name is naive.
    const zone = compact[7] === undefined ? undefined : 'Z';
    return build(compact[1], compact[2], compact[3], compact[4], compact[5], compact[6], compact[7], zone, options);
  }
  return null;
}

function build(
  y: string | undefined, mo: string | undefined, d: string | undefined, h: string | undefined, mi: string | undefined,
  s: string | undefined, frac: string | undefined, zone: string | undefined, options: ParseTimestampOptions,
): ParsedTimestamp | null {
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  const fractionDigits = frac === undefined ? 0 : frac.length;
  const fractionNanos = frac === undefined ? 0 : Number(frac.padEnd(9, '0'));
  const ms = Math.floor(fractionNanos / 1_000_000);
  const offsetMinutes = zone === undefined ? null : parseOffset(zone);
  if (offsetMinutes === undefined) {
    return null;
  }
  let epochMs: number;
  if (offsetMinutes === null && options.naive === 'local') {
    const local = new Date(2000, 0, 1, hour, minute, second, ms);
    local.setFullYear(year, month - 1, day);
    epochMs = local.getTime();
  } else {
    const wall = (daysFromCivil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second) * 1_000 + ms;
    epochMs = wall - (offsetMinutes ?? 0) * 60_000;
  }
  return { epochMs, fractionDigits, fractionNanos, offsetMinutes };
}

/** Minutes east of UTC for `Z`, `UTC`, `±HH`, `±HHMM`, `±HH:MM`; undefined when out of range. */
function parseOffset(zone: string): number | undefined {
  if (zone === 'Z' || zone === 'z' || zone === 'UTC') {
    return 0;
  }
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 18 || minutes > 59) {
    return undefined;
  }
  const total = sign * (hours * 60 + minutes);
  // `-00:00` is RFC 3339's "offset unknown"; the instant is still UTC.
  return total === 0 ? 0 : total;
}

/**
 * Writes the instant as ISO 8601 with the source's precision: `…Z` for 'utc', or this machine's
 * wall time with its offset at that instant (`…+07:00`) for 'local'.
 */
export function formatIso(parsed: ParsedTimestamp, zone: 'utc' | 'local'): string {
  // Rounded: historic local mean times have offsets with seconds, which ISO 8601 offsets cannot express.
  const offset = zone === 'utc' ? 0 : Math.round(-new Date(parsed.epochMs).getTimezoneOffset());
  const wallSeconds = Math.floor(parsed.epochMs / 1_000) + offset * 60;
  const days = Math.floor(wallSeconds / 86_400);
  const secOfDay = wallSeconds - days * 86_400;
  const [year, month, day] = civilFromDays(days);
  const hh = Math.floor(secOfDay / 3_600);
  const mm = Math.floor((secOfDay % 3_600) / 60);
  const ss = secOfDay % 60;
  const fraction = parsed.fractionDigits > 0
    ? `.${String(parsed.fractionNanos).padStart(9, '0').slice(0, parsed.fractionDigits)}`
    : '';
  const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}${fraction}`;
  if (zone === 'utc') {
    return `${date}Z`;
  }
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${date}${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The inverse of `daysFromCivil`: [year, month, day]. */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1_460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

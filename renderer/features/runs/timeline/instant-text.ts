/** An instant (epoch ms) as the timeline's tooltip and announcements write it, in UTC or local time. */
import type { TimeZoneMode } from '../time-display';
import { machineOffset } from '../time-display';

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** `2026-03-03 10:04:05.120 UTC` or the same on this machine's clock with its offset. */
export function instantText(ms: number, zone: TimeZoneMode): string {
  const offset = zone === 'utc' ? 0 : machineOffset(ms);
  const d = new Date(ms + offset * 60_000);
  const base = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  const frac = d.getUTCMilliseconds() === 0 ? '' : `.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
  if (zone === 'utc') {
    return `${base}${frac} UTC`;
  }
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  return `${base}${frac} ${sign}${two(Math.floor(a / 60))}:${two(a % 60)}`;
}

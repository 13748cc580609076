/**
 * Times as a timeline picture writes them: on the wall clock of UTC or of this machine (the
 * `--time` choice), with the zone named, so a picture pasted into an incident note says when.
 */

/** Minutes east of UTC of the zone at an instant (the machine's own offset then, for `local`). */
export function offsetAt(zone: 'utc' | 'local', ms: number): number {
  return zone === 'utc' ? 0 : -new Date(ms).getTimezoneOffset();
}

function two(v: number): string {
  return String(v).padStart(2, '0');
}

/** The zone as people write it: `UTC`, `UTC+02:00`, `UTC−05:30`. */
export function zoneText(offsetMin: number): string {
  if (offsetMin === 0) {
    return 'UTC';
  }
  const a = Math.abs(offsetMin);
  return `UTC${offsetMin < 0 ? '−' : '+'}${two(Math.floor(a / 60))}:${two(a % 60)}`;
}

/** `2026-10-12 08:15:03` (with `.250` when `millis`) on the wall clock `offsetMin` east of UTC. */
export function wallText(ms: number, offsetMin: number, millis = false): string {
  const d = new Date(ms + offsetMin * 60_000);
  const base = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return millis ? `${base}.${String(d.getUTCMilliseconds()).padStart(3, '0')}` : base;
}

/** A window as one phrase: `2026-10-12 08:15:03 → 10:40:00 UTC`, the end's date left out when it is the same day. */
export function windowText(fromMs: number, toMs: number, offsetMin: number): string {
  const millis = toMs - fromMs < 10_000;
  const from = wallText(fromMs, offsetMin, millis);
  const to = wallText(toMs, offsetMin, millis);
  const sameDay = from.slice(0, 10) === to.slice(0, 10);
  return `${from} → ${sameDay ? to.slice(11) : to} ${zoneText(offsetMin)}`;
}

/** The time window filter as the chips, the export's provenance and the timeline say it. */
import type { TimeWindow } from '../../../shared/model/view-request';

/** "time 2026-03-03 10:00 → 2026-03-05 18:30 UTC" (seconds only when the window needs them). */
export function describeWindow(w: TimeWindow): string {
  const from = new Date(w.from).toISOString();
  const to = new Date(w.to).toISOString();
  const cut = from.endsWith(':00.000Z') && to.endsWith(':00.000Z') ? 16 : 19;
  return `time ${from.slice(0, cut).replace('T', ' ')} → ${to.slice(0, cut).replace('T', ' ')} UTC`;
}

/** A window from epoch milliseconds, whole seconds outward (so a brushed edge never cuts a run by a fraction). */
export function windowOf(fromMs: number, toMs: number): TimeWindow {
  const from = Math.floor(fromMs / 1_000) * 1_000;
  const to = Math.max(from + 1_000, Math.ceil(toMs / 1_000) * 1_000);
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

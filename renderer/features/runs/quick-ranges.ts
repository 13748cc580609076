/** Quick time ranges of the runs view, counted back from the newest run in the store (not from now). */
import type { TimeWindow } from '../../../shared/model/view-request';
import { windowOf } from './time-window';

/** The quick ranges offered, shortest first: a label and a span in milliseconds. */
export const QUICK_RANGES: readonly (readonly [string, number])[] = [
  ['1 h', 3_600_000],
  ['24 h', 86_400_000],
  ['7 d', 7 * 86_400_000],
  ['30 d', 30 * 86_400_000],
];

/** The window `span` ms back from the newest run's start, taking in that run (whole seconds outward). */
export function quickWindow(newest: string, span: number): TimeWindow {
  const end = Date.parse(newest);
  return windowOf(end - span, end + 1);
}

/** True when the view's window is exactly this quick range. */
export function isQuickWindow(window: TimeWindow | undefined, newest: string, span: number): boolean {
  if (!window) {
    return false;
  }
  const w = quickWindow(newest, span);
  return Date.parse(window.from) === Date.parse(w.from) && Date.parse(window.to) === Date.parse(w.to);
}

/**
 * Where a run's waterfall first looks: the run itself and its steps. Nested runs that started
 * hours or days later (a transformation session's follow-ups) would otherwise stretch the
 * window until the run's own steps are slivers; they stay one zoom-out (`0`) or brush away.
 */
import type { TimelineResult } from '../model/timeline';

/** Nested runs may stretch the window this many times the run's own span before the view focuses on the run. */
export const FOCUS_STRETCH = 3;

/** The run's own span with its steps, when nested runs stretch the answer's window more than FOCUS_STRETCH times; else null (show everything). */
export function runFocus(r: TimelineResult, nowMs: number): { readonly fromMs: number; readonly toMs: number } | null {
  if (!r.run || !r.window) {
    return null;
  }
  let lo = r.run.startMs;
  let hi = r.run.running ? Math.max(nowMs, lo) : (r.run.endMs ?? lo);
  for (const lane of r.lanes) {
    if (lane.kind === 'child') {
      continue;
    }
    for (const b of lane.bars) {
      lo = Math.min(lo, b.startMs);
      hi = Math.max(hi, b.running ? nowMs : (b.endMs ?? b.startMs));
    }
    for (const b of lane.buckets) {
      lo = Math.min(lo, b.minStartMs ?? b.fromMs);
      hi = Math.max(hi, b.maxEndMs ?? b.toMs);
    }
  }
  const own = hi - lo;
  const all = r.window.toMs - r.window.fromMs;
  return own > 0 && all > own * FOCUS_STRETCH ? { fromMs: lo, toMs: hi } : null;
}

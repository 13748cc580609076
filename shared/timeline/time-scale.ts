/**
 * The time axis of a timeline: a window of epoch milliseconds drawn across a width of pixels.
 * Zooming and panning return new scales; the window never shrinks below a millisecond per
 * hundred pixels nor grows beyond the bounds given, so a wheel held down cannot lose the data.
 */

/** A window `[fromMs, toMs)` drawn `widthPx` wide. */
export interface TimeScale {
  readonly fromMs: number;
  readonly toMs: number;
  readonly widthPx: number;
}

/** The narrowest window a scale shows (10 ms), so deep zooms still have ticks to draw. */
export const MIN_SPAN_MS = 10;

/** A scale over a window; an empty or reversed window is widened to the minimum span. */
export function timeScale(fromMs: number, toMs: number, widthPx: number): TimeScale {
  const span = Math.max(MIN_SPAN_MS, toMs - fromMs);
  const mid = (fromMs + toMs) / 2;
  const from = toMs - fromMs >= MIN_SPAN_MS ? fromMs : mid - span / 2;
  return { fromMs: from, toMs: from + span, widthPx: Math.max(1, widthPx) };
}

/** Milliseconds per pixel. */
export function msPerPx(s: TimeScale): number {
  return (s.toMs - s.fromMs) / s.widthPx;
}

/** The x (pixels from the left edge, fractional) of a time. */
export function xOf(s: TimeScale, ms: number): number {
  return ((ms - s.fromMs) / (s.toMs - s.fromMs)) * s.widthPx;
}

/** The time at an x. */
export function timeOf(s: TimeScale, x: number): number {
  return s.fromMs + (x / s.widthPx) * (s.toMs - s.fromMs);
}

/** The same window at another width (a resize keeps what is shown). */
export function withWidth(s: TimeScale, widthPx: number): TimeScale {
  return { ...s, widthPx: Math.max(1, widthPx) };
}

/** Limits a zoom or pan may not leave: the data's extent, padded. */
export interface ScaleBounds {
  readonly minMs: number;
  readonly maxMs: number;
}

/** Zooms by `factor` (< 1 zooms in) keeping the time under `x` where it is, within bounds. */
export function zoomAt(s: TimeScale, factor: number, x: number, bounds?: ScaleBounds): TimeScale {
  const pivot = timeOf(s, x);
  const span = Math.max(MIN_SPAN_MS, (s.toMs - s.fromMs) * factor);
  const share = x / s.widthPx;
  return clampScale({ fromMs: pivot - share * span, toMs: pivot + (1 - share) * span, widthPx: s.widthPx }, bounds);
}

/** Moves the window by `dx` pixels (positive: later times come into view), within bounds. */
export function panBy(s: TimeScale, dx: number, bounds?: ScaleBounds): TimeScale {
  const dt = dx * msPerPx(s);
  return clampScale({ fromMs: s.fromMs + dt, toMs: s.toMs + dt, widthPx: s.widthPx }, bounds);
}

/** A window kept inside bounds: shifted back in when it pokes out, cut to them when wider. */
export function clampScale(s: TimeScale, bounds?: ScaleBounds): TimeScale {
  if (!bounds || bounds.maxMs <= bounds.minMs) {
    return s;
  }
  const span = Math.min(s.toMs - s.fromMs, Math.max(MIN_SPAN_MS, bounds.maxMs - bounds.minMs));
  let from = s.fromMs;
  if (from < bounds.minMs) {
    from = bounds.minMs;
  }
  if (from + span > bounds.maxMs) {
    from = bounds.maxMs - span;
  }
  return { fromMs: from, toMs: from + span, widthPx: s.widthPx };
}

/** A scale that shows `[fromMs, toMs]` with a margin of `pad` (a share of the span) on each side. */
export function fitScale(fromMs: number, toMs: number, widthPx: number, pad = 0.02): TimeScale {
  const span = Math.max(MIN_SPAN_MS, toMs - fromMs);
  return timeScale(fromMs - span * pad, fromMs + span * (1 + pad), widthPx);
}

/**
 * How a status class is drawn on a timeline: a fill, and a pattern and a glyph so that status
 * reads without colour (WCAG 1.4.1): ok solid, failed cross-hatched with a ✕, running striped
 * with an open end, skipped hollow, unknown dotted. The view and the SVG picture share it.
 */
import type { StatusClass } from '../model/status';

/** A fill pattern drawn over a bar's colour. */
export type BarPattern = 'solid' | 'cross-hatch' | 'stripes' | 'hollow' | 'dots';

/** How one status class is drawn. */
export interface StatusStyle {
  /** The bar's fill (light theme). */
  readonly fill: string;
  /** The bar's fill in the dark theme. */
  readonly fillDark: string;
  /** The outline and pattern colour. */
  readonly stroke: string;
  /** Text drawn on the bar (light theme): at least 4.5:1 against `fill` (WCAG 1.4.3), on a halo of the fill so the pattern never crosses it. */
  readonly ink: string;
  /** Text drawn on the bar in the dark theme, at least 4.5:1 against `fillDark`. */
  readonly inkDark: string;
  readonly pattern: BarPattern;
  /** A one-character mark drawn at the bar's start when it is wide enough, and in the legend. */
  readonly glyph: string;
  /** The word a screen reader and the legend use. */
  readonly word: string;
}

/** Every status class's style. */
// Failed is a lighter red than it was (#e0605a gave dark text 4.5:1 exactly, and the hatch under
// it less): its dark outline keeps the bar 3:1 against the page (WCAG 1.4.11).
export const STATUS_STYLES: Readonly<Record<StatusClass, StatusStyle>> = {
  ok: { fill: '#5fb37c', fillDark: '#2f7d4a', stroke: '#2f6f45', ink: '#1f2328', inkDark: '#ffffff', pattern: 'solid', glyph: '✓', word: 'ok' },
  failed: { fill: '#e87c76', fillDark: '#c4453f', stroke: '#8c1f1a', ink: '#1f2328', inkDark: '#ffffff', pattern: 'cross-hatch', glyph: '✕', word: 'failed' },
  running: { fill: '#4f92d6', fillDark: '#3a78b8', stroke: '#1f4e7a', ink: '#1f2328', inkDark: '#ffffff', pattern: 'stripes', glyph: '▶', word: 'running' },
  skipped: { fill: '#d5d9df', fillDark: '#4a515c', stroke: '#7d8794', ink: '#1f2328', inkDark: '#ffffff', pattern: 'hollow', glyph: '–', word: 'skipped' },
  unknown: { fill: '#b7a9d6', fillDark: '#6f6390', stroke: '#5b4d85', ink: '#1f2328', inkDark: '#ffffff', pattern: 'dots', glyph: '?', word: 'unknown' },
};

/** Status classes by their index in packed arrays (the order `STATUS_INDEX` gives). */
export const STATUS_BY_INDEX: readonly StatusClass[] = ['ok', 'failed', 'running', 'skipped', 'unknown'];

/** The index of a status class in packed arrays. */
export function statusIndex(s: StatusClass): number {
  switch (s) {
    case 'ok': return 0;
    case 'failed': return 1;
    case 'running': return 2;
    case 'skipped': return 3;
    default: return 4;
  }
}

/**
 * Which status a merged rectangle shows when bars of several statuses fall in one pixel: the
 * one a reader must not miss (failed, then running, unknown, ok, skipped).
 */
const PRIORITY: readonly number[] = [1, 4, 3, 0, 2];

/** The status index a merge of two keeps. */
export function mergeStatus(a: number, b: number): number {
  return (PRIORITY[a] ?? 0) >= (PRIORITY[b] ?? 0) ? a : b;
}

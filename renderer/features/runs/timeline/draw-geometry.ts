/**
 * The geometry and chrome colours the timeline canvas draws with: row and ruler heights, where a
 * row sits, and what one frame shows. Shared by the frame (draw-timeline) and its bars (draw-rects).
 */
import type { TimelineResult } from '../../../../shared/model/timeline';
import type { PackedBars } from '../../../../shared/timeline/bar-layout';
import type { LaneRow } from '../../../../shared/timeline/lane-rows';
import type { TimeScale } from '../../../../shared/timeline/time-scale';

/** Heights of the drawing, in CSS pixels. */
export const RULER_H = 24;
/** One row of bars. */
export const ROW_H = 22;
/** Space above and below a bar in its row. */
export const BAR_PAD = 4;
/** The height of a run still going (a band, not a bar). */
export const RUNNING_H = 4;

/** Colours of the chrome (ruler, grid, text), per theme. */
export interface Chrome {
  readonly bg: string;
  readonly stripe: string;
  readonly grid: string;
  readonly gridMajor: string;
  readonly text: string;
  readonly muted: string;
  readonly accent: string;
  readonly select: string;
  readonly critical: string;
  readonly group: string;
}

/** The light theme's chrome. */
export const LIGHT: Chrome = { bg: '#ffffff', stripe: '#f6f8fa', grid: '#eaeef2', gridMajor: '#c8d1da', text: '#1f2328', muted: '#59636e', accent: '#0969da', select: '#1f2328', critical: '#bf5700', group: '#eef1f4' };
/** The dark theme's chrome. */
export const DARK: Chrome = { bg: '#0d1117', stripe: '#131922', grid: '#21262d', gridMajor: '#3a424d', text: '#e6edf3', muted: '#9198a1', accent: '#4493f8', select: '#ffffff', critical: '#ff9e3d', group: '#1b222c' };

/** What one frame shows. */
export interface Frame {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly scale: TimeScale;
  readonly result: TimelineResult;
  readonly packed: PackedBars;
  readonly rows: readonly LaneRow[];
  readonly scrollTop: number;
  readonly dark: boolean;
  /** Minutes east of UTC of the clock the ruler shows. */
  readonly offsetMin: number;
  readonly nowMs: number;
  /** The packed index of the selected bar, -1 for none. */
  readonly selected: number;
  /** Packed indexes of bars matching the search (null: no search; others are dimmed). */
  readonly matches: ReadonlySet<number> | null;
  /** Ids of the bars on the critical path (a run's waterfall), empty for none. */
  readonly critical: ReadonlySet<string>;
  /** The time window filter, drawn as shading outside it. */
  readonly window: { readonly fromMs: number; readonly toMs: number } | null;
}

/** The y of a row's top on the canvas. */
export function rowTop(row: number, scrollTop: number): number {
  return RULER_H + row * ROW_H - scrollTop;
}

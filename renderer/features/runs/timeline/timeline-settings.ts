/** What the user set up in the timeline, kept by the explorer while other modes are shown. */
import type { CellValue } from '../../../../shared/model/values';

/** The run whose waterfall is shown. */
export interface OpenedRun {
  readonly runKey: readonly CellValue[];
  readonly title: string;
}

/** The timeline's own settings (the filters and the window are the runs session's). */
export interface TimelineSettings {
  /** The runs-view column lanes group by; null: the format's default. */
  readonly lanes: string | null;
  readonly search: string;
  readonly matchesOnly: boolean;
  /** The run whose waterfall is shown, or null for the runs overview. */
  readonly opened: OpenedRun | null;
  /** Collapsed group ids of the waterfall. */
  readonly collapsed: readonly string[];
  /** Waterfall: hide steps shorter than this (0: show all). */
  readonly minDurationMs: number;
  /** Waterfall: underline the critical path. */
  readonly criticalPath: boolean;
  /** Waterfall: another run of the same name compared with the opened one, aligned at the starts. */
  readonly compare?: OpenedRun | null;
}

/** Nothing set up yet. */
export const INITIAL_TIMELINE: TimelineSettings = { lanes: null, search: '', matchesOnly: false, opened: null, collapsed: [], minDurationMs: 0, criticalPath: true };

/**
 * The timeline's two questions to the engine: the overview of the whole filtered range (lanes,
 * minimap, bounds), and, once the user has zoomed in, the window on screen (plus a margin for
 * panning) so the engine answers with exact bars where the overview had buckets. Both are
 * cancellable; a newer question's answer always wins, and the last answer stays drawn while the
 * next one loads.
 */
import type { TimelineResult } from '../../../../shared/model/timeline';
import type { ViewQuery } from '../../../../shared/model/view-request';
import type { CellValue } from '../../../../shared/model/values';
import type { TimeScale } from '../../../../shared/timeline/time-scale';
import { useOpenStore } from '../../../app/store-context';
import { useApiCall } from '../../../app/use-api-call';
import { useDebounced } from '../../../components/use-debounced';

/** What the timeline asks for. */
export interface TimelineAsk {
  readonly format: string;
  readonly query: ViewQuery;
  readonly runKey: readonly CellValue[] | null;
  readonly lanes: string | null;
  readonly widthPx: number;
}

/** What the view draws. */
export interface TimelineData {
  readonly overview: TimelineResult | null;
  /** The answer to draw: the zoomed-in one when it has come, else the overview. */
  readonly shown: TimelineResult | null;
  readonly loading: boolean;
  readonly error: string | null;
}

/** A zoomed view narrower than this share of the overview asks the engine for its own window. */
const REFETCH_SHARE = 0.8;

/** The width asked of the engine for a plot width: whole hundreds, so a small resize asks nothing new. */
export function askWidthPx(plotPx: number): number {
  return Math.max(100, Math.min(20_000, Math.round(plotPx / 100) * 100));
}

/** The overview and the zoomed-in answer for a scale. */
export function useTimelineData(ask: TimelineAsk | null, scale: TimeScale | null): TimelineData {
  const { storeId } = useOpenStore();
  const widthPx = ask ? askWidthPx(ask.widthPx) : 1_600;
  const base = ask ? { storeId, format: ask.format, query: ask.query, runKey: ask.runKey === null ? null : [...ask.runKey], lanes: ask.lanes, widthPx } : null;
  const overview = useApiCall('timeline.get', base ? { ...base, window: null } : null, { cancellable: true, report: 'Reading the timeline' });
  const settled = useDebounced(scale, 180);
  const full = overview.value?.window ?? null;
  // A run's waterfall holds every step as a bar unless it was too long for the budget: zooming into
  // it asks again only then, so its rows (and nested runs off screen) stay put while zooming.
  const exact = ask?.runKey != null && overview.value !== null && overview.value.lanes.every((l) => l.buckets.length === 0);
  const zoomed = base !== null && full !== null && settled !== null && !exact && settled.toMs - settled.fromMs < (full.toMs - full.fromMs) * REFETCH_SHARE;
  const margin = settled ? (settled.toMs - settled.fromMs) * 0.25 : 0;
  const window = zoomed && settled && full
    ? { from: new Date(Math.floor(Math.max(full.fromMs, settled.fromMs - margin))).toISOString(), to: new Date(Math.ceil(Math.min(full.toMs, settled.toMs + margin)) + 1).toISOString() }
    : null;
  const detail = useApiCall('timeline.get', base && window ? { ...base, window, widthPx: Math.min(20_000, widthPx * 2) } : null, {
    cancellable: true, report: 'Reading the zoomed timeline', group: JSON.stringify(base),
  });
  const shown = zoomed && detail.value ? detail.value : overview.value;
  return {
    overview: overview.value,
    shown,
    loading: overview.loading || (zoomed && detail.loading),
    error: overview.error?.message ?? null,
  };
}

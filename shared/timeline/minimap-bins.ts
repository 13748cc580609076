/**
 * The overview under the timeline: how many items (and how many failed) are active in each
 * pixel column of the whole range, from an answer's bars and buckets. Computed once per answer
 * and width; the minimap draws it as columns and caches the bitmap.
 */
import type { TimelineResult } from '../model/timeline';
import type { TimeScale } from './time-scale';
import { xOf } from './time-scale';

/** Items per pixel column, and failed items per column. */
export interface MinimapBins {
  readonly all: Float32Array;
  readonly failed: Float32Array;
  readonly max: number;
}

/** Bins the answer's bars (running ones up to `nowMs`) and buckets over a scale's pixel columns. */
export function minimapBins(result: Pick<TimelineResult, 'lanes'>, s: TimeScale, nowMs: number): MinimapBins {
  const n = Math.max(1, Math.floor(s.widthPx));
  const all = new Float32Array(n);
  const failed = new Float32Array(n);
  const add = (fromMs: number, toMs: number, count: number, bad: number): void => {
    const a = Math.max(0, Math.min(n - 1, Math.floor(xOf(s, fromMs))));
    const b = Math.max(a, Math.min(n - 1, Math.floor(xOf(s, toMs))));
    const share = count / (b - a + 1);
    const badShare = bad / (b - a + 1);
    for (let i = a; i <= b; i++) {
      all[i] = (all[i] ?? 0) + share;
      failed[i] = (failed[i] ?? 0) + badShare;
    }
  };
  for (const l of result.lanes) {
    for (const b of l.bars) {
      const end = b.running ? Math.max(nowMs, b.startMs) : (b.endMs ?? b.startMs);
      add(b.startMs, end, 1, b.status === 'failed' ? 1 : 0);
    }
    for (const k of l.buckets) {
      add(k.fromMs, k.toMs, k.count, k.byStatus.failed ?? 0);
    }
  }
  let max = 0;
  for (let i = 0; i < n; i++) {
    max = Math.max(max, all[i] ?? 0);
  }
  return { all, failed, max };
}

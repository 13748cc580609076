import { describe, expect, it } from 'vitest';
import type { StatusClass } from '../../../shared/model/status';
import type { TimelineBar, TimelineResult } from '../../../shared/model/timeline';
import {
  compareWaterfalls, deltaText, durationChange, offsetTicks, offsetX, visibleCompareRows,
} from '../../../shared/timeline/waterfall-compare';

const T0 = Date.UTC(2026, 9, 1, 2, 0, 0);

const bar = (id: string, name: string, start: number, end: number | null, status: StatusClass = 'ok', running = false): TimelineBar => ({
  id, runKey: ['r'], name, startMs: T0 + start * 1_000, endMs: end === null ? null : T0 + end * 1_000, running, status, parent: null, message: null,
});

/** A waterfall as the engine answers it: one lane per step, the run starting at `runStart` seconds after T0. */
function waterfall(runStart: number, runEnd: number | null, steps: readonly TimelineBar[], bucketed = 0): TimelineResult {
  return {
    window: { fromMs: T0, toMs: T0 + 3_600_000 }, laneColumn: null, moreLanes: 0, total: steps.length + bucketed, untimed: 0, items: 'steps',
    run: bar('run', 'nightly', runStart, runEnd),
    lanes: [
      ...steps.map((b, i) => ({ key: i, label: b.name ?? '', count: 1, bars: [b], buckets: [], kind: 'step' as const })),
      ...(bucketed > 0 ? [{ key: 'many', label: 'many', count: bucketed, bars: [], buckets: [{ fromMs: T0, toMs: T0 + 1, count: bucketed, byStatus: { ok: bucketed } }], kind: 'step' as const }] : []),
    ],
  };
}

describe('comparing two runs\' waterfalls', () => {
  it('aligns both runs at their starts and matches steps by name, the n-th repeat with the n-th', () => {
    // Run A starts at 0 s, run B a day later; B's load took 60 s instead of 20 s, test is the same.
    const a = waterfall(0, 50, [bar('0', 'compile', 0, 10), bar('1', 'load', 10, 30), bar('2', 'test', 30, 40), bar('3', 'test', 40, 50)]);
    const day = 86_400;
    const b = waterfall(day, day + 93, [bar('0', 'compile', day, day + 11), bar('1', 'load', day + 11, day + 71), bar('2', 'test', day + 71, day + 81), bar('3', 'test', day + 81, day + 93)]);
    const c = compareWaterfalls(a, b, T0);
    expect(c.rows.map((r) => [r.name, r.occurrence, r.a?.offsetMs, r.b?.offsetMs, r.deltaMs, r.change])).toEqual([
      ['compile', 1, 0, 0, 1_000, 'same'],
      ['load', 1, 10_000, 11_000, 40_000, 'slower'],
      ['test', 1, 30_000, 71_000, 0, 'same'],
      ['test', 2, 40_000, 81_000, 2_000, 'same'],
    ]);
    expect(c.a.durationMs).toBe(50_000);
    expect(c.b.durationMs).toBe(93_000);
    expect(c.change).toBe('slower');
    expect(c.deltaMs).toBe(43_000);
    // The axis reaches the later of the two ends, measured from each run's own start.
    expect(c.spanMs).toBe(93_000);
  });

  it('lists steps only one run has (A\'s order first, then B\'s extra steps by offset) and marks faster steps', () => {
    const a = waterfall(0, 40, [bar('0', 'extract', 0, 30), bar('1', 'retry', 30, 40)]);
    const b = waterfall(100, 120, [bar('0', 'audit', 115, 118), bar('1', 'extract', 100, 110), bar('2', 'notify', 118, null)]);
    const c = compareWaterfalls(a, b, T0);
    expect(c.rows.map((r) => [r.name, r.change])).toEqual([
      ['extract', 'faster'], ['retry', 'only-a'], ['audit', 'only-b'], ['notify', 'only-b'],
    ]);
    expect(c.rows[0]?.deltaMs).toBe(-20_000);
    expect(c.rows[3]?.b).toMatchObject({ offsetMs: 18_000, durationMs: null });
  });

  it('counts a running step up to now, and says how many steps came only as bucket counts', () => {
    const a = waterfall(0, 10, [bar('0', 'x', 0, 10)]);
    const b = waterfall(0, null, [bar('0', 'x', 0, null, 'running', true)], 7);
    const c = compareWaterfalls(a, b, T0 + 25_000);
    expect(c.rows[0]).toMatchObject({ change: 'slower', deltaMs: 15_000 });
    expect(c.uncompared).toBe(7);
  });

  it('calls a difference a change only beyond 20 % of the longer duration and half a second', () => {
    expect(durationChange(10_000, 11_900)).toBe('same');
    expect(durationChange(10_000, 12_600)).toBe('slower');
    expect(durationChange(1_000, 1_400)).toBe('same');
    expect(durationChange(100, 600)).toBe('same');
    expect(durationChange(100, 700)).toBe('slower');
    expect(durationChange(30_000, 20_000)).toBe('faster');
    expect(durationChange(null, 5)).toBe('no-duration');
    expect(durationChange(undefined, 5)).toBe('only-b');
    expect(durationChange(5, undefined)).toBe('only-a');
  });

  it('hides rows where both sides are shorter than the chosen duration', () => {
    const a = waterfall(0, 70, [bar('0', 'quick', 0, 0.2), bar('1', 'slow', 1, 70), bar('2', 'grew', 0, 0.3)]);
    const b = waterfall(0, 70, [bar('0', 'quick', 0, 0.1), bar('1', 'slow', 1, 61), bar('2', 'grew', 0, 5)]);
    const rows = compareWaterfalls(a, b, T0).rows;
    expect(visibleCompareRows(rows, 1_000).map((r) => r.name)).toEqual(['slow', 'grew']);
    expect(visibleCompareRows(rows, 0)).toHaveLength(3);
  });

  it('writes signed differences and an offset axis from the runs\' start', () => {
    expect(deltaText(65_000)).toBe('+1 min 05 s');
    expect(deltaText(-850)).toBe('−850 ms');
    expect(deltaText(0)).toBe('±0 ms');
    const ticks = offsetTicks(600_000, 800, 80);
    expect(ticks[0]).toEqual({ ms: 0, x: 0, label: '+0' });
    expect(ticks[1]?.ms).toBe(60_000);
    expect(ticks[1]?.label).toBe('+1 min 00 s');
    expect(ticks.every((t, i) => i === 0 || t.x - (ticks[i - 1]?.x ?? 0) >= 80)).toBe(true);
    expect(offsetX(300_000, 600_000, 800)).toBe(400);
  });
});

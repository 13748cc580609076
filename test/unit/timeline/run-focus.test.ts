import { describe, expect, it } from 'vitest';
import type { TimelineBar, TimelineLane, TimelineResult } from '../../../shared/model/timeline';
import { runFocus } from '../../../shared/timeline/run-focus';

const H = 3_600_000;
const bar = (id: string, start: number, end: number | null, running = false): TimelineBar => ({
  id, runKey: [id], name: id, startMs: start, endMs: end, running, status: 'ok', parent: null, message: null,
});
const lane = (kind: 'step' | 'child', b: TimelineBar): TimelineLane => ({ key: b.id, label: b.id, count: 1, bars: [b], buckets: [], kind });
const waterfall = (run: TimelineBar, lanes: readonly TimelineLane[], toMs: number): TimelineResult => ({
  window: { fromMs: run.startMs, toMs }, laneColumn: null, lanes, moreLanes: 0, total: lanes.length, untimed: 0, items: 'steps', run,
});

describe('where a run\'s waterfall first looks', () => {
  it('focuses on the run and its steps when a nested run two days later would squash them', () => {
    const run = bar('s', 0, 6_000);
    const r = waterfall(run, [lane('step', bar('0', 500, 2_000)), lane('step', bar('1', 2_000, 7_000)), lane('child', bar('c', 48 * H, 48 * H + 16_000))], 48 * H + 16_000);
    // A step that ends after the run's recorded end is still in view.
    expect(runFocus(r, 0)).toEqual({ fromMs: 0, toMs: 7_000 });
  });

  it('shows everything when the nested runs sit within a few times the run\'s span', () => {
    const run = bar('s', 0, 10_000);
    expect(runFocus(waterfall(run, [lane('step', bar('0', 0, 10_000)), lane('child', bar('c', 12_000, 25_000))], 25_000), 0)).toBeNull();
  });

  it('takes a running run up to now, and has nothing to say without a run or a span', () => {
    const running = bar('s', 0, null, true);
    expect(runFocus(waterfall(running, [lane('child', bar('c', 100 * H, 101 * H))], 101 * H), 10_000)).toEqual({ fromMs: 0, toMs: 10_000 });
    expect(runFocus(waterfall(bar('p', 5, null), [lane('child', bar('c', H, 2 * H))], 2 * H), 0)).toBeNull();
    expect(runFocus({ ...waterfall(bar('s', 0, 1), [], 1), run: undefined }, 0)).toBeNull();
  });
});

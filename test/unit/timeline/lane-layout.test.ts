import { describe, expect, it } from 'vitest';
import { ITEM_BUDGET, LANE_BUDGET, MIN_LANE_SHARE, bucketGrid, fineBuckets, laneShare } from '../../../shared/timeline/budget';
import type { TimeCell } from '../../../shared/timeline/lane-layout';
import { chooseLanes, countLanes, laneLabel, mergeCells } from '../../../shared/timeline/lane-layout';

const cell = (lane: string | null, bucket: number, count: number, lo: number, hi: number): TimeCell => ({
  lane, bucket, count, byStatus: { ok: count - 1, failed: 1 }, minStartMs: lo, maxEndMs: hi,
});

describe('timeline budget', () => {
  it('cuts a 1,600 px window into 800 buckets, and shares the item budget between lanes', () => {
    expect(fineBuckets(1_600)).toBe(800);
    expect(laneShare(1_600, 1)).toBe(800);
    expect(laneShare(1_600, 30)).toBe(Math.floor(ITEM_BUDGET / 30));
    expect(laneShare(1_600, LANE_BUDGET)).toBe(MIN_LANE_SHARE);
    // However many lanes share it, the listed lanes never carry more than the budget.
    expect(LANE_BUDGET * laneShare(1_600, LANE_BUDGET)).toBeLessThanOrEqual(ITEM_BUDGET);
  });

  it('makes a grid of whole milliseconds that covers the window', () => {
    const g = bucketGrid(1_000, 1_000 + 999, 10);
    expect(g).toEqual({ originMs: 1_000, widthMs: 100 });
    expect(g.originMs + 10 * g.widthMs).toBeGreaterThanOrEqual(1_999);
    expect(bucketGrid(5, 6, 800).widthMs).toBe(1);
  });
});

describe('choosing lanes', () => {
  it('counts timed and untimed items per lane from the cells', () => {
    const counts = countLanes([cell('a', 0, 3, 0, 1), cell('a', 5, 2, 0, 1), cell('a', -1, 4, 0, 0), cell(null, 1, 1, 0, 1)]);
    expect(counts).toEqual([{ key: 'a', count: 5, untimed: 4 }, { key: null, count: 1, untimed: 0 }]);
  });

  it('lists the busiest lanes up to the budget, by label, and gives small lanes exact bars', () => {
    const counts = [
      { key: 'zeta', count: 5_000, untimed: 0 }, { key: 'alpha', count: 3, untimed: 1 }, { key: 'mid', count: 900, untimed: 0 },
      { key: 'quiet', count: 0, untimed: 7 }, { key: null, count: 2, untimed: 0 },
    ];
    const c = chooseLanes(counts, 1_600, 3);
    expect(c.lanes.map((l) => l.key)).toEqual(['alpha', 'mid', 'zeta']);
    expect(c.moreLanes).toBe(1);
    expect(c.total).toBe(5_905);
    expect(c.untimed).toBe(8);
    expect(c.share).toBe(800);
    expect(c.lanes.map((l) => l.bars)).toEqual([true, false, false]);
    expect(laneLabel(null)).toBe('(none)');
  });

  it('orders numbered lanes in number order and puts the empty lane last', () => {
    const c = chooseLanes([{ key: 'model_10', count: 1, untimed: 0 }, { key: '', count: 1, untimed: 0 }, { key: 'model_9', count: 1, untimed: 0 }], 1_600);
    expect(c.lanes.map((l) => l.label)).toEqual(['model_9', 'model_10', '(none)']);
  });
});

describe('merging cells into buckets', () => {
  it('adds counts and statuses, keeps the first start and last end, and cuts the last bucket at the window', () => {
    const grid = { originMs: 0, widthMs: 10, toMs: 35 };
    const b = mergeCells([cell('a', 0, 2, 1, 12), cell('a', 1, 3, 10, 19), cell('a', 3, 1, 31, 40), cell('a', -1, 9, 0, 0)], grid, 2);
    expect(b).toEqual([
      { fromMs: 0, toMs: 20, count: 5, byStatus: { ok: 3, failed: 2 }, minStartMs: 1, maxEndMs: 19 },
      { fromMs: 20, toMs: 35, count: 1, byStatus: { failed: 1 }, minStartMs: 31, maxEndMs: 40 },
    ]);
  });
});

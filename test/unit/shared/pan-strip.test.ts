import { describe, expect, it } from 'vitest';
import { mergeStrips, panPlan } from '../../../shared/canvas/pan-strip';

describe('panPlan: reuse the last frame while panning', () => {
  it('redraws in full with no frame shown, or when the move is half the width or more', () => {
    expect(panPlan(null, 10, 800)).toBeNull();
    expect(panPlan(0, 400, 800)).toBeNull();
    expect(panPlan(0, -400, 800)).toBeNull();
    expect(panPlan(0, Number.NaN, 800)).toBeNull();
  });

  it('content moving right exposes a strip at the left edge, plus the seam', () => {
    expect(panPlan(100, 112, 800, 2)).toEqual({ dx: 12, strips: [{ x: 0, w: 14 }], offset: 112 });
  });

  it('content moving left exposes a strip at the right edge, plus the seam', () => {
    expect(panPlan(100, 88, 800, 2)).toEqual({ dx: -12, strips: [{ x: 786, w: 14 }], offset: 88 });
  });

  it('shifts by whole pixels and keeps the fraction so moves do not drift', () => {
    const a = panPlan(0, 10.4, 800, 0);
    expect(a).toEqual({ dx: 10, strips: [{ x: 0, w: 10 }], offset: 10 });
    // The next move is measured from what the canvas shows (10), not from 10.4.
    const b = panPlan(a?.offset ?? 0, 20.8, 800, 0);
    expect(b?.dx).toBe(11);
    expect(Math.abs((b?.offset ?? 0) - 20.8)).toBeLessThanOrEqual(0.5);
  });

  it('with a small snap, a move by a fraction of a pixel redraws in full', () => {
    expect(panPlan(0, 10.4, 800, 2, 0, 0.5, 0.05)).toBeNull();
    expect(panPlan(0.25, 10.26, 800, 2, 0, 0.5, 0.05)?.dx).toBe(10);
  });

  it('a move under half a pixel repaints nothing', () => {
    expect(panPlan(50, 50.3, 800)).toEqual({ dx: 0, strips: [], offset: 50 });
  });

  it('adds the pinned band at the left and joins it with an exposed strip it overlaps', () => {
    expect(panPlan(0, -20, 800, 2, 160)?.strips).toEqual([{ x: 0, w: 160 }, { x: 778, w: 22 }]);
    expect(panPlan(0, 20, 800, 2, 160)?.strips).toEqual([{ x: 0, w: 160 }]);
  });

  it('merges strips: sorted, overlaps joined, empty ones dropped', () => {
    expect(mergeStrips([{ x: 50, w: 10 }, { x: 0, w: 0 }, { x: 0, w: 55 }, { x: 100, w: 5 }])).toEqual([{ x: 0, w: 60 }, { x: 100, w: 5 }]);
  });
});

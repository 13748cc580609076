import { describe, expect, it } from 'vitest';
import type { TimelineBar, TimelineLane } from '../../../shared/model/timeline';
import { BAR_RUNNING, BAR_TICK, RECT_MERGED, bucketRects, ensureAll, hitBar, layoutRects, packBars } from '../../../shared/timeline/bar-layout';
import { laneRows, rowLanes, visibleRows } from '../../../shared/timeline/lane-rows';
import { STATUS_BY_INDEX, STATUS_STYLES, mergeStatus, statusIndex } from '../../../shared/timeline/status-style';
import { timeScale } from '../../../shared/timeline/time-scale';
import { minimapBins } from '../../../shared/timeline/minimap-bins';

const bar = (id: string, startMs: number, endMs: number | null, extra: Partial<TimelineBar> = {}): TimelineBar => ({
  id, runKey: [id], name: `m_${id}`, startMs, endMs, running: false, status: 'ok', parent: null, message: null, ...extra,
});
const lane = (key: string, bars: TimelineBar[], kind?: 'step' | 'child'): TimelineLane => ({ key, label: key, count: bars.length, bars, buckets: [], ...(kind ? { kind } : {}) });

describe('packed bars', () => {
  it('sorts each lane by start, ends running bars at now and keeps bars without an end as ticks', () => {
    const p = packBars({ lanes: [lane('a', [bar('2', 500, 600), bar('1', 100, 200)]), lane('b', [bar('3', 50, null), bar('4', 70, null, { running: true })])] }, 10_000);
    expect(Array.from(p.laneStart)).toEqual([0, 2, 4]);
    expect(Array.from(p.start)).toEqual([100, 500, 50, 70]);
    expect(Array.from(p.end)).toEqual([200, 600, 50, 10_000]);
    expect(Array.from(p.flags)).toEqual([0, 0, BAR_TICK, BAR_RUNNING]);
    expect(Array.from(p.src)).toEqual([1, 0, 0, 1]);
    expect(p.laneMaxSpan[1]).toBe(9_930);
  });
});

describe('merged rectangles', () => {
  const s = timeScale(0, 1_000, 100); // 10 ms per pixel
  it('draws wide bars one by one and merges bars narrower than a pixel per lane', () => {
    const narrow = Array.from({ length: 50 }, (_, i) => bar(`n${i}`, 300 + i * 2, 301 + i * 2, { status: i === 20 ? 'failed' : 'ok' }));
    const p = packBars({ lanes: [lane('a', [bar('w1', 0, 200), bar('w2', 210, 290), ...narrow])] }, 0);
    const r = layoutRects(p, s, [0]);
    expect(r.count).toBe(3);
    expect(Array.from(r.x.subarray(0, 3))).toEqual([0, 21, 30]);
    expect(r.bar[2]).toBe(-1);
    expect((r.flags[2] ?? 0) & RECT_MERGED).toBe(RECT_MERGED);
    // The merge keeps the failure a reader must not miss.
    expect(STATUS_BY_INDEX[r.status[2] ?? 0]).toBe('failed');
    // From the first narrow bar (300 ms) to the last one's end, drawn at least a pixel wide.
    expect(r.w[2]).toBeCloseTo(10.8, 5);
  });

  it('skips bars off screen and keeps a long bar that starts before the window', () => {
    const bars = [bar('long', -5_000, 500), ...Array.from({ length: 1_000 }, (_, i) => bar(`x${i}`, -4_000 + i, -3_999 + i)), bar('after', 2_000, 2_100)];
    const p = packBars({ lanes: [lane('a', bars)] }, 0);
    const r = layoutRects(p, s, [0]);
    expect(r.count).toBe(1);
    expect(r.x[0]).toBeCloseTo(-500, 3);
    expect(p.src[r.bar[0] ?? 0]).toBe(0);
  });

  it('lays out only the rows asked for, numbering rectangles by row, and grows its batch', () => {
    const lanes = Array.from({ length: 10 }, (_, i) => lane(`l${i}`, Array.from({ length: 200 }, (_, k) => bar(`${i}-${k}`, k * 5, k * 5 + 4))));
    const p = packBars({ lanes }, 0);
    const wide = timeScale(0, 1_000, 10_000);
    const r = layoutRects(p, wide, [3, -1, 4], 7);
    expect(r.count).toBe(400);
    expect(new Set(Array.from(r.lane.subarray(0, r.count)))).toEqual(new Set([7, 9]));
  });

  it('finds the bar under the pointer, and none in an empty stretch', () => {
    const p = packBars({ lanes: [lane('a', [bar('1', 100, 200), bar('2', 600, 700)])] }, 0);
    expect(p.src[hitBar(p, s, 0, 15)]).toBe(0);
    expect(hitBar(p, s, 0, 40)).toBe(-1);
    expect(hitBar(p, s, 1, 15)).toBe(-1);
  });

  it('draws buckets with a level against the fullest and the status not to miss', () => {
    const l: TimelineLane = { key: 'a', label: 'a', count: 9, bars: [], buckets: [
      { fromMs: 0, toMs: 100, count: 1, byStatus: { ok: 1 } },
      { fromMs: 100, toMs: 200, count: 4, byStatus: { ok: 3, failed: 1 } },
    ] };
    const b = bucketRects({ lanes: [l] }, s, [0]);
    expect(b.map((x) => [x.x, x.w, x.level, STATUS_BY_INDEX[x.status]])).toEqual([[0, 10, 0.5, 'ok'], [10, 10, 1, 'failed']]);
  });
});

describe('status style', () => {
  it('gives every status its own pattern and glyph, not only its own colour', () => {
    const styles = Object.values(STATUS_STYLES);
    expect(new Set(styles.map((s) => s.pattern)).size).toBe(styles.length);
    expect(new Set(styles.map((s) => s.glyph)).size).toBe(styles.length);
    expect(STATUS_BY_INDEX[mergeStatus(statusIndex('ok'), statusIndex('running'))]).toBe('running');
    expect(STATUS_BY_INDEX[mergeStatus(statusIndex('skipped'), statusIndex('unknown'))]).toBe('unknown');
  });
});

describe('lane rows', () => {
  const result = { lanes: [lane('compile', [bar('0', 0, 5)], 'step'), lane('execute', [bar('1', 5, 500)], 'step'), lane('child run', [bar('c', 10, 90)], 'child')] };
  it('heads steps and nested runs as groups, collapses one, and hides short steps', () => {
    expect(laneRows(result, { collapsed: new Set() }).map((r) => (r.kind === 'group' ? `[${r.label} ${r.count}]` : r.lane))).toEqual(['[Steps 2]', 0, 1, '[Nested runs 1]', 2]);
    expect(laneRows(result, { collapsed: new Set(['step']) }).map((r) => (r.kind === 'group' ? r.collapsed : r.lane))).toEqual([true, false, 2]);
    expect(laneRows(result, { collapsed: new Set(), minDurationMs: 10 }).filter((r) => r.kind === 'lane').map((r) => r.kind === 'lane' && r.lane)).toEqual([1, 2]);
  });

  it('keeps only matching lanes with "matches only", and no heading for a single group', () => {
    const rows = laneRows(result, { collapsed: new Set(), search: 'EXEC', matchesOnly: true });
    expect(rows).toEqual([{ kind: 'lane', lane: 1, depth: 0 }]);
  });

  it('shows the rows of a scrolled viewport, one over each side', () => {
    expect(visibleRows(1_000, 20, 400, 200)).toEqual({ first: 19, last: 31 });
    expect(visibleRows(5, 20, 0, 200)).toEqual({ first: 0, last: 5 });
    const rows = laneRows(result, { collapsed: new Set() });
    expect(Array.from(rowLanes(rows, 0, rows.length))).toEqual([-1, 0, 1, -1, 2]);
  });
});

describe('minimap bins', () => {
  it('counts each bar in every column it covers, counts failures, and spreads buckets over theirs', () => {
    const s = timeScale(0, 100, 10);
    const l: TimelineLane = { key: 'a', label: 'a', count: 6, bars: [bar('1', 0, 39), bar('2', 35, 55, { status: 'failed' })], buckets: [{ fromMs: 80, toMs: 99, count: 4, byStatus: { failed: 2 } }] };
    const b = minimapBins({ lanes: [l] }, s, 0);
    expect(Array.from(b.all)).toEqual([1, 1, 1, 2, 1, 1, 0, 0, 2, 2]);
    expect(Array.from(b.failed)).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 1, 1]);
    expect(b.max).toBe(2);
  });
  it('adds a one-column bucket whole', () => {
    const s = timeScale(0, 100, 10);
    const l: TimelineLane = { key: 'a', label: 'a', count: 6, bars: [], buckets: [{ fromMs: 90, toMs: 99, count: 4, byStatus: { failed: 2 } }] };
    const b = minimapBins({ lanes: [l] }, s, 0);
    expect(Array.from(b.all)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 4]);
    expect(Array.from(b.failed)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(b.max).toBe(4);
  });
});

describe('hit test among overlapping bars', () => {
  it('picks the shortest bar under the pointer, so a run still going does not hide the runs it spans', () => {
    const p = packBars({ lanes: [lane('a', [bar('stale', 0, null, { running: true }), bar('short', 400, 450, { status: 'failed' })])] }, 10_000);
    const s = timeScale(0, 1_000, 100);
    expect(p.src[hitBar(p, s, 0, 42)]).toBe(1);
    expect(p.src[hitBar(p, s, 0, 80)]).toBe(0);
  });
});

describe('lazy packing', () => {
  it('packs only the lanes laid out, each bar at the index eager packing gives it', () => {
    const lanes = [lane('a', [bar('2', 50, 60), bar('1', 10, 20)]), lane('b', [bar('3', 5, 9)]), lane('c', [bar('4', 1, 2)])];
    const eager = packBars({ lanes }, 0);
    const lazy = packBars({ lanes }, 0, false);
    expect(Array.from(lazy.ready)).toEqual([0, 0, 0]);
    layoutRects(lazy, timeScale(0, 100, 100), [1]);
    expect(Array.from(lazy.ready)).toEqual([0, 1, 0]);
    expect(lazy.start[2]).toBe(eager.start[2]);
    ensureAll(lazy);
    expect(Array.from(lazy.start)).toEqual(Array.from(eager.start));
    expect(Array.from(lazy.src)).toEqual(Array.from(eager.src));
  });

  it('packs a new answer into the memory of a packing no longer drawn, with the same result as fresh memory', () => {
    const lanes = [lane('a', [bar('2', 500, 600), bar('1', 100, 200)]), lane('b', [bar('3', 50, 90)])];
    const old = packBars({ lanes: [lane('x', [bar('9', 0, 1), bar('8', 2, 3), bar('7', 4, 5), bar('6', 6, 7)])] }, 0);
    const reused = packBars({ lanes }, 0, true, old);
    const fresh = packBars({ lanes }, 0);
    expect(reused.buffer).toBe(old.buffer);
    expect([...reused.start]).toEqual([...fresh.start]);
    expect([...reused.end]).toEqual([...fresh.end]);
    expect([...reused.src]).toEqual([...fresh.src]);
    // A spare too small for the answer lends nothing.
    expect(packBars({ lanes }, 0, true, packBars({ lanes: [lane('y', [bar('z', 0, 1)])] }, 0)).buffer).not.toBe(old.buffer);
  });
});

describe('packing lanes out of start order', () => {
  // Lanes of up to 64 bars sort by insertion in scratch memory, longer ones by a typed-array sort:
  // both must give start order, equal starts in their answer's order (stable), checked against Array.sort.
  for (const n of [1, 7, 64, 65, 300]) {
    it(`sorts a lane of ${n} bars by start, stably`, () => {
      const bars = Array.from({ length: n }, (_, i) => bar(`b${i}`, ((i * 7_919) % 13) * 100, null));
      const p = packBars({ lanes: [lane('a', bars), lane('b', [...bars].reverse())] }, 0);
      const truth = (list: TimelineBar[]): string[] => list.map((b, i) => ({ b, i })).sort((x, y) => x.b.startMs - y.b.startMs || x.i - y.i).map((x) => x.b.id);
      const ids = (li: number, list: TimelineBar[]): string[] => Array.from({ length: list.length }, (_, k) => list[p.src[(p.laneStart[li] ?? 0) + k] ?? 0]?.id ?? '');
      expect(ids(0, bars)).toEqual(truth(bars));
      expect(ids(1, [...bars].reverse())).toEqual(truth([...bars].reverse()));
    });
  }
});

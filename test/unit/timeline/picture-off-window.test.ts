import { describe, expect, it } from 'vitest';
import type { TimelineBar, TimelineLane, TimelineResult } from '../../../shared/model/timeline';
import { runFocus } from '../../../shared/timeline/run-focus';
import { timeScale } from '../../../shared/timeline/time-scale';
import { offWindowNote, timelineSvg } from '../../../shared/timeline/timeline-svg';

const H = 3_600_000;
const T0 = Date.UTC(2026, 7, 28, 8, 0, 0);
const bar = (id: string, start: number, end: number | null, status: TimelineBar['status'] = 'ok'): TimelineBar => ({
  id, runKey: [id], name: id, startMs: T0 + start, endMs: end === null ? null : T0 + end, running: false, status, parent: null, message: null,
});
const lane = (kind: 'step' | 'child', b: TimelineBar): TimelineLane => ({ key: b.id, label: b.id, count: 1, bars: [b], buckets: [], kind });

describe('nested runs outside a run\'s picture', () => {
  it('say how much later they start, or how much earlier they ended, and nothing when they reach in', () => {
    const s = timeScale(T0, T0 + 6_000, 1_000);
    expect(offWindowNote({ bars: [bar('c', 31 * H, 31 * H + 16_000)], buckets: [] }, s, 0)).toEqual({ after: true, text: 'starts 1 d 7 h later →' });
    expect(offWindowNote({ bars: [bar('c', -3 * H, -2 * H)], buckets: [] }, s, 0)).toEqual({ after: false, text: '← ended 2 h 00 min earlier' });
    expect(offWindowNote({ bars: [bar('c', -H, 1_000)], buckets: [] }, s, 0)).toBeNull();
    expect(offWindowNote({ bars: [], buckets: [] }, s, 0)).toBeNull();
  });

  it('a run\'s picture focused on the run keeps its steps legible and marks the nested run two days on', () => {
    const run = bar('session', 0, 5_870, 'failed');
    const r: TimelineResult = {
      window: { fromMs: T0, toMs: T0 + 54 * H }, laneColumn: null, moreLanes: 0, total: 3, untimed: 0, items: 'steps', run, nesting: 'parent-run',
      lanes: [lane('step', bar('0', 500, 604)), lane('step', bar('1', 1_000, 2_290)), lane('child', bar('export', 31 * H, 31 * H + 16_400))],
    };
    const focus = runFocus(r, 0);
    expect(focus).toEqual({ fromMs: T0, toMs: T0 + 5_870 });
    const svg = timelineSvg(r, { zone: 'utc', widthPx: 1_600, ...(focus ? { window: focus } : {}) });
    expect(svg).toContain('data-marker="off-window">starts 1 d 7 h later →</text>');
    // The step of 1.29 s is wide enough to carry its duration inside.
    expect(svg).toContain('>1.29 s</text>');
  });
});

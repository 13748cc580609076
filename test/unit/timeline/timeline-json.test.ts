import { describe, expect, it } from 'vitest';
import type { TimelineResult } from '../../../shared/model/timeline';
import { isoOf, timelineJson, timelineNotes } from '../../../shared/timeline/timeline-json';

const AT = Date.UTC(2026, 9, 12, 8, 15, 2, 7);

const result: TimelineResult = {
  window: { fromMs: AT, toMs: AT + 60_000 },
  laneColumn: 'run_name',
  lanes: [{
    key: 'stg_orders', label: 'stg_orders', count: 4,
    bars: [{ id: 'inv-1 / stg_orders', runKey: ['inv-1', 'stg_orders'], name: 'stg_orders', startMs: AT, endMs: null, running: true, status: 'running', parent: 'inv-1', message: null }],
    buckets: [{ fromMs: AT, toMs: AT + 30_000, count: 3, byStatus: { ok: 2, failed: 1 }, minStartMs: AT, maxEndMs: AT + 40_000 }],
  }],
  moreLanes: 2, total: 9, untimed: 312, items: 'runs',
};

describe('the timeline JSON of the CLI', () => {
  it('writes the issue\'s shape with ISO times that carry an offset', () => {
    expect(timelineJson(result, 'utc')).toEqual({
      window: { from: '2026-10-12T08:15:02.007Z', to: '2026-10-12T08:16:02.007Z' },
      lanes: [{
        key: 'stg_orders', label: 'stg_orders',
        bars: [{ id: 'inv-1 / stg_orders', name: 'stg_orders', start: '2026-10-12T08:15:02.007Z', end: null, status: 'running' }],
        buckets: [{ from: '2026-10-12T08:15:02.007Z', to: '2026-10-12T08:15:32.007Z', count: 3, byStatus: { ok: 2, failed: 1 } }],
      }],
      total: 9,
    });
  });

  it('writes local times with this machine\'s offset at each instant', () => {
    const local = isoOf(AT, 'local');
    expect(local).toMatch(/^2026-10-1\dT\d\d:\d\d:02\.007[+-]\d\d:\d\d$/);
    expect(Date.parse(local)).toBe(AT);
    expect(isoOf(-1, 'utc')).toBe('1969-12-31T23:59:59.999Z');
  });

  it('tells in sentences what the JSON leaves out', () => {
    expect(timelineNotes(result)).toEqual([
      '2 more lanes with 5 runs are counted in "total" but not listed; narrow the window or filter to see them.',
      '312 runs have no start time that Auditlens can read, so they are not on the timeline.',
    ]);
  });
});

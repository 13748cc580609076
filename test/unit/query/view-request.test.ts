import { describe, expect, it } from 'vitest';
import { isoInstantSchema, lineageRequestSchema, timelineRequestSchema, timeWindowSchema, viewRequestSchema } from '../../../shared/model/view-request';

describe('view requests', () => {
  it('accepts ISO instants with an offset and refuses naive or impossible ones', () => {
    expect(isoInstantSchema.safeParse('2026-10-12T08:15:00Z').success).toBe(true);
    expect(isoInstantSchema.safeParse('2026-10-12T08:15:00.123456+02:00').success).toBe(true);
    expect(isoInstantSchema.safeParse('2026-10-12 08:15:00').success).toBe(false);
    expect(isoInstantSchema.safeParse('2026-02-30T08:15:00Z').success).toBe(false);
    expect(isoInstantSchema.safeParse('2028-02-29T08:15:00Z').success).toBe(true);
    expect(isoInstantSchema.safeParse('2026-13-01T08:15:00Z').success).toBe(false);
  });

  it('refuses a window that ends before it starts, with a sentence', () => {
    const r = timeWindowSchema.safeParse({ from: '2026-10-12T09:00:00Z', to: '2026-10-12T08:00:00Z' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('A time window starts before it ends.');
  });

  it('fills timeline defaults: no window, the format lane, 1,600 px', () => {
    expect(timelineRequestSchema.parse({ kind: 'timeline', format: 'dbt-audit', query: {} })).toEqual({
      kind: 'timeline', format: 'dbt-audit', query: { filters: [], sort: [] }, runKey: null, window: null, lanes: null, widthPx: 1_600,
    });
  });

  it('bounds a lineage walk: depth 1 to 10 or null (all), a node budget', () => {
    const base = { kind: 'lineage', format: 'transformation-log', node: 'gold.balance_sheet' };
    expect(lineageRequestSchema.parse(base)).toMatchObject({ direction: 'both', depth: 1, columns: false, asOf: null, run: null, budget: 500 });
    expect(lineageRequestSchema.safeParse({ ...base, depth: 0 }).success).toBe(false);
    expect(lineageRequestSchema.safeParse({ ...base, depth: 11 }).success).toBe(false);
    expect(lineageRequestSchema.parse({ ...base, depth: null }).depth).toBeNull();
  });

  it('tells the four views apart by kind', () => {
    expect(viewRequestSchema.parse({ kind: 'steps', format: 'f', query: {}, runKey: ['a', 1] }).kind).toBe('steps');
    expect(viewRequestSchema.safeParse({ kind: 'gantt', format: 'f' }).success).toBe(false);
  });
});

describe('step intervals', () => {
  it('end at the next step by default when steps have a start, and have none without one', async () => {
    const { stepInterval } = await import('../../../shared/model/audit-model');
    const steps = { table: { schema: null, name: 's' }, runKey: ['r'], order: [] };
    expect(stepInterval({ ...steps, at: 'at' })).toEqual({ kind: 'next' });
    expect(stepInterval(steps)).toBeNull();
    expect(stepInterval({ ...steps, at: 'at', interval: { kind: 'duration', column: 'ms', unit: 'ms' } })).toEqual({ kind: 'duration', column: 'ms', unit: 'ms' });
  });
});

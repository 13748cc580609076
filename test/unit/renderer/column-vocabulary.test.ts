import { describe, expect, it } from 'vitest';
import { agreedCount, withLearnedCounts } from '../../../renderer/features/tables/agreed-count';
import { headerLabel } from '../../../renderer/features/runs/run-columns';
import { columnTitle } from '../../../renderer/grid/column-label';
import { describeFilter } from '../../../renderer/grid/filter-form';

describe('one label per column', () => {
  it('leads with the label and keeps the stored name as secondary text', () => {
    expect(columnTitle('Started', 'started_at')).toBe('Started (started_at)');
    expect(columnTitle('status', 'status')).toBe('status');
  });

  it('describes a filter with the label the header shows', () => {
    const started = headerLabel('runs', 'started_at', 'summary');
    expect(describeFilter({ column: 'started_at', op: 'gte', value: '2026-10-01' }, 'date', started)).toBe('Started ≥ 2026-10-01');
    expect(describeFilter({ column: 'status', op: 'in', values: ['failed'] }, 'none', 'Status')).toBe('Status = failed');
    expect(describeFilter({ column: 'status', op: 'in', values: ['failed', 'running'] }, 'none', 'Status')).toBe('Status in failed, running');
    expect(describeFilter({ column: 'started_at', op: 'lt', value: '2026-11-01' }, 'date', 'Started')).toBe('Started ≤ 2026-10-31');
    // Without a label, the stored name (tables, exports).
    expect(describeFilter({ column: 'started_at', op: 'gte', value: 3 })).toBe('started_at ≥ 3');
  });
});

describe('the sidebar and the status bar agree on a count', () => {
  const exact = { value: 294_029, exact: true };
  const bound = { value: 100_000, exact: false };

  it('takes an exact count over a bound, the larger of two bounds, and whichever is known', () => {
    expect(agreedCount(bound, exact)).toBe(exact);
    expect(agreedCount(exact, bound)).toBe(exact);
    expect(agreedCount(bound, { value: 150_000, exact: false })).toEqual({ value: 150_000, exact: false });
    expect(agreedCount(null, bound)).toBe(bound);
    expect(agreedCount(undefined, null)).toBeNull();
  });

  it('lets what an open table counted replace what the sidebar knew less well', () => {
    const merged = withLearnedCounts({ dbt_audit_detail: bound, log: { value: 12, exact: true }, broken: null }, new Map([['dbt_audit_detail', exact]]));
    expect(merged).toEqual({ dbt_audit_detail: exact, log: { value: 12, exact: true }, broken: null });
    // Counts still loading: the open table's count shows alone.
    expect(withLearnedCounts(null, new Map([['log', exact]]))).toEqual({ log: exact });
    expect(withLearnedCounts(null, new Map())).toBeNull();
  });
});

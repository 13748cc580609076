import { describe, expect, it } from 'vitest';
import type { ColumnFilter } from '../../../shared/model/view-request';
import { facetRows, facetSelection, facetText, toggleFacetValue, visibleFacetRows } from '../../../renderer/features/runs/facet-filters';

describe('toggleFacetValue', () => {
  it('adds an `in` filter on the first click and keeps the other filters', () => {
    const other: ColumnFilter = { column: 'actor', op: 'contains', value: 'ci' };
    expect(toggleFacetValue([other], 'status', 'failed')).toEqual([other, { column: 'status', op: 'in', values: ['failed'] }]);
  });

  it('adds a second value to the same `in` filter (values of one facet are OR-ed)', () => {
    const once = toggleFacetValue([], 'status', 'failed');
    expect(toggleFacetValue(once, 'status', 'running')).toEqual([{ column: 'status', op: 'in', values: ['failed', 'running'] }]);
  });

  it('removes a picked value, and the filter with its last value', () => {
    const two: ColumnFilter[] = [{ column: 'status', op: 'in', values: ['failed', 'running'] }];
    const one = toggleFacetValue(two, 'status', 'failed');
    expect(one).toEqual([{ column: 'status', op: 'in', values: ['running'] }]);
    expect(toggleFacetValue(one, 'status', 'running')).toEqual([]);
  });

  it('treats an `eq` filter (set in the column popover) as a pick that a click removes', () => {
    const filters: ColumnFilter[] = [{ column: 'run_name', op: 'eq', value: 'stg_orders' }, { column: 'run_name', op: 'contains', value: 'stg' }];
    expect(facetSelection(filters, 'run_name')).toEqual(['stg_orders']);
    expect(toggleFacetValue(filters, 'run_name', 'stg_orders')).toEqual([{ column: 'run_name', op: 'contains', value: 'stg' }]);
  });

  it('picks NULL (an empty actor) like any other value, and matches numbers to their text', () => {
    expect(toggleFacetValue([], 'actor', null)).toEqual([{ column: 'actor', op: 'in', values: [null] }]);
    expect(toggleFacetValue([{ column: 'day', op: 'in', values: [20261031] }], 'day', '20261031')).toEqual([]);
  });
});

describe('facetRows', () => {
  const counts = (values: [string | null, number][], complete = true) => ({ values: values.map(([value, count]) => ({ value, count })), complete });

  it('orders statuses ok, failed, running, skipped, unknown and marks the picked ones', () => {
    const rows = facetRows('status', counts([['failed', 3], ['unknown', 1], ['ok', 50], ['running', 2]]), ['failed']);
    expect(rows.map((r) => [r.value, r.selected])).toEqual([['ok', false], ['failed', true], ['running', false], ['unknown', false]]);
  });

  it('lists days newest first and keeps the server order (by count) elsewhere', () => {
    expect(facetRows('day', counts([['2026-10-01', 9], ['2026-10-31', 2]]), []).map((r) => r.value)).toEqual(['2026-10-31', '2026-10-01']);
    expect(facetRows('run_name', counts([['b', 9], ['a', 2]]), []).map((r) => r.value)).toEqual(['b', 'a']);
  });

  it('keeps a picked value the list lacks, without a count, so it can be unpicked', () => {
    const rows = facetRows('run_name', counts([['a', 2]], false), ['zzz']);
    expect(rows.at(-1)).toEqual({ value: 'zzz', filterValue: 'zzz', count: null, selected: true });
  });

  it('narrows by the search box, case-insensitively, but never hides picked values', () => {
    const rows = facetRows('run_name', counts([['stg_orders', 5], ['fct_orders', 4], ['dim_dates', 3]]), ['dim_dates'], 'STG');
    expect(rows.map((r) => r.value)).toEqual(['stg_orders', 'dim_dates']);
  });

  it('shows NULL and empty text as (empty)', () => {
    expect(facetText(null)).toBe('(empty)');
    expect(facetText('')).toBe('(empty)');
    expect(facetText({ t: 'int', v: '9007199254740993' })).toBe('9007199254740993');
  });
});

describe('visibleFacetRows', () => {
  const rows = Array.from({ length: 12 }, (_, i) => ({ value: `v${i}`, filterValue: `v${i}`, count: 12 - i, selected: i === 10 }));

  it('shows the first few and any pick beyond them until expanded', () => {
    const { shown, hidden } = visibleFacetRows(rows, false, 8);
    expect(shown.map((r) => r.value)).toEqual(['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v10']);
    expect(hidden).toBe(3);
    expect(visibleFacetRows(rows, true, 8)).toEqual({ shown: rows, hidden: 0 });
    expect(visibleFacetRows(rows.slice(0, 8), false, 8).hidden).toBe(0);
  });
});

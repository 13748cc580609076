import { describe, expect, it } from 'vitest';
import { AnchorCache, planFingerprint } from '../../../electron/sources/anchor-cache';
import type { Plan } from '../../../shared/query/plan';
import { compilePlan } from '../../../shared/query/plan';
import { tableOf } from '../../helpers/tables';

const t = tableOf('runs', [['id', 'INTEGER'], ['status', 'TEXT'], ['duration_s', 'REAL'], ['run_name', 'TEXT']]);
const base = compilePlan(t, { table: t, filters: [], sort: [] });

describe('the anchor cache', () => {
  it('continues after the key it learned for the same query', () => {
    const cache = new AnchorCache();
    cache.remember(base, 100, [100]);
    expect(cache.seek(base, 100)).toEqual({ after: [100], offset: 0 });
  });

  it('never lends anchors to a query that differs only by a cross-view condition or a filter', () => {
    const cache = new AnchorCache();
    cache.remember(base, 100, [100]);
    const slower: Plan = { ...base, conditions: [{ kind: 'aboveByGroup', column: 'duration_s', groupColumn: 'run_name', thresholds: [{ group: 'a', value: 3 }] }] };
    const filtered = compilePlan(t, { table: t, filters: [{ column: 'status', op: 'eq', value: 'failed' }], sort: [] });
    expect(planFingerprint(slower)).not.toBe(planFingerprint(base));
    expect(cache.seek(slower, 100)).toEqual({ after: null, offset: 100 });
    expect(cache.seek(filtered, 100)).toEqual({ after: null, offset: 100 });
  });

  it('keeps a bounded number of queries, dropping the least recently learned', () => {
    const cache = new AnchorCache();
    const plans = Array.from({ length: 70 }, (_, i) => compilePlan(t, { table: t, filters: [{ column: 'id', op: 'gt', value: i }], sort: [] }));
    plans.forEach((p, i) => cache.remember(p, 10, [i]));
    expect(cache.seek(plans[0] as Plan, 10).after).toBeNull();
    expect(cache.seek(plans[69] as Plan, 10).after).toEqual([69]);
  });
});

import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../shared/query/plan';
import { resolveColumn } from '../../../shared/query/column-names';
import { tableOf } from '../../helpers/tables';

// Runs and steps views name a store's columns `table.column` (shared/query/runs-view.ts ownColumns);
// a view over a union of tables can show two tables' columns of one bare name.
const view = tableOf('runs of x', [['run_id', 'TEXT'], ['status', 'TEXT'], ['x.status', 'TEXT'], ['x.invocation_id', 'TEXT'], ['a.node_id', 'TEXT'], ['b.node_id', 'TEXT']], { kind: 'view', keyset: 'none' });

describe('store column names in views', () => {
  it('takes an exact name first, else the one store column with that bare name', () => {
    expect(resolveColumn(view.columns, 'status', 'v')?.name).toBe('status');
    expect(resolveColumn(view.columns, 'invocation_id', 'v')?.name).toBe('x.invocation_id');
    expect(resolveColumn(view.columns, 'x.invocation_id', 'v')?.name).toBe('x.invocation_id');
    expect(resolveColumn(view.columns, 'y.invocation_id', 'v')).toBeUndefined();
    expect(resolveColumn(view.columns, 'nope', 'v')).toBeUndefined();
  });

  it('filters and sorts a plan by the bare name, and says which to pick when it is ambiguous', () => {
    const plan = compilePlan(view, { table: view, filters: [{ column: 'invocation_id', op: 'eq', value: 'i1' }], sort: [{ column: 'invocation_id', desc: true }] });
    expect(plan.filters[0]?.column).toBe('x.invocation_id');
    expect(plan.order[0]?.expr.name).toBe('x.invocation_id');
    expect(() => compilePlan(view, { table: view, filters: [{ column: 'node_id', op: 'eq', value: 'n' }], sort: [] })).toThrow(/"node_id" names more than one column .* write one of: a\.node_id, b\.node_id/);
  });
});

import { describe, expect, it } from 'vitest';
import { AuditlensError } from '../../../shared/api/result';
import { compilePlan } from '../../../shared/query/plan';
import { tableOf } from '../../helpers/tables';

const summary = tableOf('dbt_audit_summary', [['invocation_id', 'VARCHAR(255)'], ['model_name', 'VARCHAR(255)'], ['status', 'VARCHAR(50)'], ['execution_time_seconds', 'INTEGER']]);

describe('compilePlan', () => {
  it('appends the rowid as tiebreaker after the user sort', () => {
    const plan = compilePlan(summary, { table: summary, filters: [], sort: [{ column: 'status', desc: true }] });
    expect(plan.order.map((o) => [o.expr.name, o.desc])).toEqual([['status', true], ['rowid', false]]);
    expect(plan.keyset).toBe(true);
  });

  it('uses _rowid_ when a column is named rowid', () => {
    const t = tableOf('t', [['rowid', 'TEXT'], ['x', 'TEXT']]);
    expect(compilePlan(t, { table: t, filters: [], sort: [] }).order[0]?.expr).toEqual({ kind: 'rowid', name: '_rowid_' });
  });

  it('uses the primary key of WITHOUT ROWID tables and does not repeat a sorted key column', () => {
    const t = tableOf('s', [['invocation_id', 'TEXT'], ['model_name', 'TEXT'], ['x', 'TEXT']], { keyset: 'pk', primaryKey: ['invocation_id', 'model_name'] });
    const plan = compilePlan(t, { table: t, filters: [], sort: [{ column: 'model_name', desc: true }] });
    expect(plan.order.map((o) => o.expr.name)).toEqual(['model_name', 'invocation_id']);
  });

  it('has no keyset for views', () => {
    const v = tableOf('v', [['a', 'TEXT']], { kind: 'view', keyset: 'none' });
    const plan = compilePlan(v, { table: v, filters: [], sort: [] });
    expect(plan.keyset).toBe(false);
    expect(plan.order).toEqual([]);
  });

  it('refuses unknown columns in filters, sort and column lists with a typed error', () => {
    for (const q of [
      { filters: [{ column: 'nope', op: 'eq' as const, value: 'x' }], sort: [] },
      { filters: [], sort: [{ column: 'nope', desc: false }] },
      { filters: [], sort: [], columns: ['status', 'nope'] },
    ]) {
      let caught: unknown;
      try {
        compilePlan(summary, { table: summary, ...q });
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(AuditlensError);
      expect((caught as AuditlensError).code).toBe('unknown-column');
      expect((caught as AuditlensError).message).toContain('"nope"');
    }
  });

  it('coerces numbers for numeric columns and refuses text there', () => {
    const plan = compilePlan(summary, { table: summary, filters: [{ column: 'execution_time_seconds', op: 'gte', value: ' 10 ' }], sort: [] });
    expect(plan.filters[0]?.value).toBe(10);
    expect(() => compilePlan(summary, { table: summary, filters: [{ column: 'execution_time_seconds', op: 'gt', value: 'ten' }], sort: [] })).toThrow(/not a number/);
  });

  it('keeps the selected columns in the requested order', () => {
    const plan = compilePlan(summary, { table: summary, filters: [], sort: [], columns: ['status', 'invocation_id'] });
    expect(plan.columns.map((c) => c.name)).toEqual(['status', 'invocation_id']);
  });
});

describe('numbers in filters keep every digit', () => {
  const t = tableOf('t', [['id', 'BIGINT'], ['amount', 'NUMERIC(30,10)']]);
  it.each([
    ['42', 42],
    ['-3.5', -3.5],
    ['9007199254740993', '9007199254740993'],
    ['9223372036854775807', '9223372036854775807'],
    ['12345678901234567890.1234567891', '12345678901234567890.1234567891'],
  ])('%s', (text, bound) => {
    const col = Number.isInteger(Number(text)) && !text.includes('.') ? 'id' : 'amount';
    expect(compilePlan(t, { table: t, filters: [{ column: col, op: 'eq', value: text }], sort: [] }).filters[0]?.value).toBe(bound);
  });
});

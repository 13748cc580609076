import { describe, expect, it } from 'vitest';
import type { TableInfo } from '../../../shared/model/catalog';
import { removeFilterAt, replaceColumnFilters, setColumnHidden } from '../../../renderer/grid/grid-view-state';
import { EMPTY_VIEW, baseQuery, querySignature, tableKey, visibleColumns } from '../../../renderer/features/tables/view-state';

const col = (name: string) => ({ name, type: 'TEXT', family: 'text' as const, notNull: false, pk: 0 });
const table: TableInfo = {
  schema: null, name: 't', kind: 'table', columns: [col('a'), col('b'), col('c')],
  primaryKey: [], foreignKeys: [], indexes: [], keyset: 'rowid', rowCount: null,
};

describe('view state', () => {
  it('replaces one column\'s filters in place', () => {
    const s1 = { ...EMPTY_VIEW, filters: [{ column: 'a', op: 'eq' as const, value: '1' }, { column: 'b', op: 'empty' as const }] };
    const s2 = replaceColumnFilters(s1, 'a', [{ column: 'a', op: 'contains', value: 'x' }, { column: 'a', op: 'notEmpty' }]);
    expect(s2.filters.map((f) => `${f.column}:${f.op}`)).toEqual(['a:contains', 'a:notEmpty', 'b:empty']);
    expect(replaceColumnFilters(s2, 'a', []).filters.map((f) => f.column)).toEqual(['b']);
    expect(replaceColumnFilters(s2, 'c', [{ column: 'c', op: 'empty' }]).filters.map((f) => f.column)).toEqual(['a', 'a', 'b', 'c']);
    expect(removeFilterAt(s2, 0).filters.map((f) => f.op)).toEqual(['notEmpty', 'empty']);
  });

  it('sends columns only when some are hidden and never hides all', () => {
    expect(baseQuery(table, EMPTY_VIEW)).toEqual({ table: { schema: null, name: 't' }, filters: [], sort: [] });
    const hidden = setColumnHidden(EMPTY_VIEW, 'b', true);
    expect(baseQuery(table, hidden).columns).toEqual(['a', 'c']);
    expect(setColumnHidden(hidden, 'b', false).hidden).toEqual([]);
    const all = ['a', 'b', 'c'].reduce((s, c) => setColumnHidden(s, c, true), EMPTY_VIEW);
    expect(visibleColumns(table, all)).toEqual(['a']);
  });

  it('keys tables without collisions and signs queries', () => {
    expect(tableKey({ schema: 'a.b', name: 'c' })).not.toBe(tableKey({ schema: 'a', name: 'b.c' }));
    expect(querySignature(baseQuery(table, EMPTY_VIEW))).toBe(querySignature(baseQuery(table, EMPTY_VIEW)));
  });
});

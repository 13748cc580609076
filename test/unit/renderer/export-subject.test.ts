import { describe, expect, it } from 'vitest';
import type { TableInfo } from '../../../shared/model/catalog';
import type { ApiCall } from '../../../renderer/app/api-types';
import { DEFAULT_EXPORT_OPTIONS } from '../../../renderer/features/export/export-options';
import { tableExportQuery, tableExportSubject } from '../../../renderer/features/export/export-subject';
import { EMPTY_VIEW } from '../../../renderer/features/tables/view-state';

const col = (name: string, family: 'text' | 'integer' = 'text') => ({ name, type: 'TEXT', family, notNull: false, pk: 0 });
const table: TableInfo = {
  schema: 'audit', name: 'runs', kind: 'table', columns: [col('id', 'integer'), col('status'), col('note')],
  primaryKey: [], foreignKeys: [], indexes: [], keyset: 'rowid', rowCount: null,
};
const view = {
  ...EMPTY_VIEW,
  filters: [{ column: 'status', op: 'in' as const, values: ['failed'] }, { column: 'id', op: 'gte' as const, value: 10 }],
  sort: [{ column: 'id', desc: true }],
  hidden: ['note'],
};

describe('export subject of a table view', () => {
  it('exports the visible columns in order, with the filters and the grid\'s sort', () => {
    expect(tableExportQuery(table, view)).toEqual({
      table: { schema: 'audit', name: 'runs' },
      columns: ['id', 'status'],
      filters: view.filters,
      sort: [{ column: 'id', desc: true }],
    });
    // Every column is named even when none is hidden, so the file's header is explicit.
    expect(tableExportQuery(table, EMPTY_VIEW).columns).toEqual(['id', 'status', 'note']);
  });

  it('describes the export in words and starts it with the same query', async () => {
    const calls: { name: string; input: unknown }[] = [];
    const fake = (async (name: string, input: unknown) => {
      calls.push({ name, input });
      return { ok: true, value: { jobId: 'j1' } };
    }) as unknown as ApiCall;
    const subject = tableExportSubject(fake, 's1', table, view, { value: 3, exact: true });
    expect(subject.title).toBe('audit.runs');
    expect(subject.fileName).toBe('runs.csv');
    expect(subject.columns).toEqual(['id', 'status']);
    expect(subject.filters).toEqual(['status = failed', 'id ≥ 10']);
    expect(subject.count).toEqual({ value: 3, exact: true });
    const r = await subject.start({ ...DEFAULT_EXPORT_OPTIONS, delimiter: ';' });
    expect(r).toEqual({ ok: true, value: { jobId: 'j1' } });
    expect(calls).toEqual([{
      name: 'export.start',
      input: { storeId: 's1', query: tableExportQuery(table, view), options: { ...DEFAULT_EXPORT_OPTIONS, delimiter: ';' } },
    }]);
  });
});

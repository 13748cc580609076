import { describe, expect, it } from 'vitest';
import type { Catalog, TableInfo } from '../../../shared/model/catalog';
import { relatedColumns } from '../../../shared/model/related-columns';
import { tableOf } from '../../helpers/tables';

const session = tableOf('transformation_session', [['id', 'INTEGER'], ['parent_session_id', 'INTEGER']], { primaryKey: ['id'] });
const operation = tableOf('transformation_operation', [['id', 'INTEGER'], ['session_id', 'INTEGER'], ['step', 'TEXT']], {
  primaryKey: ['id'],
  foreignKeys: [{ columns: ['session_id'], refSchema: null, refTable: 'transformation_session', refColumns: ['id'] }],
});
const summary = tableOf('dbt_audit_summary', [['invocation_id', 'TEXT'], ['model_name', 'TEXT']], { primaryKey: ['invocation_id', 'model_name'] });
const detail = tableOf('dbt_audit_detail', [['detail_log_id', 'TEXT'], ['invocation_id', 'TEXT'], ['user_id', 'TEXT']]);
const catalog = (tables: TableInfo[]): Catalog => ({ source: { kind: 'sqlite', location: 'x.db', title: 'x.db' }, tables, problems: [] });
const all = catalog([session, operation, summary, detail]);

describe('columns that lead to related rows', () => {
  it('follows a declared foreign key', () => {
    expect(relatedColumns(operation, all).get('session_id')).toEqual({ table: { schema: null, name: 'transformation_session' }, column: 'id', inferred: false });
  });

  it('infers session_id-like columns from a table named for the thing, with an id', () => {
    expect(relatedColumns(session, all).get('parent_session_id')).toEqual({ table: { schema: null, name: 'transformation_session' }, column: 'id', inferred: true });
    const bare = catalog([{ ...operation, foreignKeys: [] }, session]);
    expect(relatedColumns(bare.tables[0] as TableInfo, bare).get('session_id')?.inferred).toBe(true);
  });

  it('infers invocation_id from the table whose key holds it, and leaves the rest alone', () => {
    const related = relatedColumns(detail, all);
    expect(related.get('invocation_id')).toEqual({ table: { schema: null, name: 'dbt_audit_summary' }, column: 'invocation_id', inferred: true });
    expect(related.has('user_id')).toBe(false);
    expect(related.has('detail_log_id')).toBe(false);
    // A table never leads to itself by a guess.
    expect(relatedColumns(summary, all).has('invocation_id')).toBe(false);
  });
});

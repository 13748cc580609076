import { describe, expect, it } from 'vitest';
import type { ColumnInfo, TableInfo } from '../../../shared/model/catalog';
import { applyCompletion, completionContext, completionsFor, quoteIdent } from '../../../renderer/features/console/sql-completion';

function table(name: string, columns: readonly string[], schema: string | null = null): TableInfo {
  return {
    schema, name, kind: 'table', primaryKey: [], foreignKeys: [], indexes: [], keyset: 'rowid', rowCount: null,
    columns: columns.map((c) => ({ name: c, type: 'TEXT', family: 'text', notNull: false }) as unknown as ColumnInfo),
  };
}

const TABLES = [
  table('transformation_session', ['id', 'status', 'started_at']),
  table('transformation_operation', ['id', 'session_id', 'operation_type']),
  table('Weird Name', ['odd "col"']),
  table('events', ['id', 'status'], 'audit'),
];

/** The labels offered with the caret at the end of `text`. */
function offered(text: string): string[] {
  const ctx = completionContext(text, text.length);
  return ctx ? completionsFor(TABLES, text, ctx).map((c) => c.label) : [];
}

describe('SQL console completion', () => {
  it('finds the word at the caret and a qualifier before a dot', () => {
    expect(completionContext('SELECT sta', 10)).toEqual({ start: 7, prefix: 'sta', qualifier: null });
    expect(completionContext('SELECT s.sta', 12)).toEqual({ start: 9, prefix: 'sta', qualifier: 's' });
    expect(completionContext("SELECT 'sta", 11)).toBeNull();
    expect(completionContext('SELECT 1 -- sta', 15)).toBeNull();
  });

  it('offers tables and the columns of the tables the statement names, names starting with the word first', () => {
    expect(offered('SELECT sta')).toEqual(['status', 'started_at']);
    expect(offered('SELECT sta FROM transformation_operation')).toEqual([]);
    expect(offered('SELECT * FROM transf')).toEqual(['transformation_session', 'transformation_operation']);
    expect(offered('SELECT * FROM transformation_operation WHERE ty').slice(0, 1)).toEqual(['operation_type']);
  });

  it('after table. offers that table\'s columns, after schema. its tables', () => {
    expect(offered('SELECT transformation_operation.')).toEqual(['id', 'session_id', 'operation_type']);
    expect(offered('SELECT * FROM audit.ev')).toEqual(['events']);
  });

  it('inserts names as SQL needs them', () => {
    expect(quoteIdent('status')).toBe('status');
    expect(quoteIdent('Weird Name')).toBe('"Weird Name"');
    expect(quoteIdent('odd "col"')).toBe('"odd ""col"""');
    const text = 'SELECT * FROM Wei';
    const ctx = completionContext(text, text.length);
    const c = ctx ? completionsFor(TABLES, text, ctx)[0] : undefined;
    expect(c?.insert).toBe('"Weird Name"');
    expect(ctx && c ? applyCompletion(text, text.length, ctx, c) : null).toEqual({ text: 'SELECT * FROM "Weird Name"', caret: 26 });
    const schemaCtx = completionContext('FROM eve', 8);
    expect(schemaCtx ? completionsFor(TABLES, 'FROM eve', schemaCtx)[0]?.insert : null).toBe('audit.events');
  });
});

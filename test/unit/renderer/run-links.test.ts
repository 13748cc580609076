import { describe, expect, it } from 'vitest';
import type { Catalog, TableInfo } from '../../../shared/model/catalog';
import { runLinks, stepLinks } from '../../../renderer/features/runs/run-links';
import { tableOf } from '../../helpers/tables';

const catalog = (tables: TableInfo[]): Catalog => ({ source: { kind: 'sqlite', location: 'x.db', title: 'x.db' }, tables, problems: [] });

describe('values in the runs grid that lead to other runs', () => {
  it('a run key part named …_id leads to the runs sharing it (invocation_id → its invocation)', () => {
    const summary = tableOf('dbt_audit_summary', [['invocation_id', 'TEXT'], ['model_name', 'TEXT']], { primaryKey: ['invocation_id', 'model_name'] });
    expect([...runLinks(summary, catalog([summary]))]).toEqual([['dbt_audit_summary.invocation_id', 'dbt_audit_summary.invocation_id']]);
  });

  it('a column referring to the runs table leads to that run (parent_session_id → the parent session)', () => {
    const session = tableOf('transformation_session', [['id', 'TEXT'], ['parent_session_id', 'TEXT'], ['agent_id', 'TEXT']], {
      primaryKey: ['id'],
      foreignKeys: [{ columns: ['parent_session_id'], refSchema: null, refTable: 'transformation_session', refColumns: ['id'] }],
    });
    const agents = tableOf('agents', [['id', 'TEXT']], { primaryKey: ['id'] });
    // agent_id leads to another table, which the runs view cannot open: no link there.
    expect([...runLinks(session, catalog([session, agents]))]).toEqual([['transformation_session.parent_session_id', 'transformation_session.id']]);
  });
});

describe('values in the steps pane that lead to runs', () => {
  it("a step's part of the runs' key named …_id leads to the runs sharing it (dbt_audit_detail.invocation_id)", () => {
    const summary = tableOf('dbt_audit_summary', [['invocation_id', 'TEXT'], ['model_name', 'TEXT']], { primaryKey: ['invocation_id', 'model_name'] });
    const detail = tableOf('dbt_audit_detail', [['invocation_id', 'TEXT'], ['model_name', 'TEXT'], ['step_name', 'TEXT']]);
    expect([...stepLinks(detail, summary, catalog([summary, detail]))]).toEqual([['dbt_audit_detail.invocation_id', 'dbt_audit_summary.invocation_id']]);
  });

  it('a step column referring to the runs table leads to its run; one leading elsewhere is no link', () => {
    const session = tableOf('transformation_session', [['id', 'TEXT']], { primaryKey: ['id'] });
    const agents = tableOf('agents', [['id', 'TEXT']], { primaryKey: ['id'] });
    const op = tableOf('transformation_operation', [['id', 'INTEGER'], ['session_id', 'TEXT'], ['agent_id', 'TEXT']], {
      primaryKey: ['id'],
      foreignKeys: [{ columns: ['session_id'], refSchema: null, refTable: 'transformation_session', refColumns: ['id'] }],
    });
    expect([...stepLinks(op, session, catalog([session, agents, op]))]).toEqual([['transformation_operation.session_id', 'transformation_session.id']]);
  });
});

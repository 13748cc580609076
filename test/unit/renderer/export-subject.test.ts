import { describe, expect, it } from 'vitest';
import type { TableInfo } from '../../../shared/model/catalog';
import type { ApiCall } from '../../../renderer/app/api-types';
import { DEFAULT_EXPORT_OPTIONS } from '../../../renderer/export/export-options';
import { runsExportSubject, stepsExportSubject } from '../../../renderer/features/runs/runs-export-subject';
import { initialView, runsExportQuery, runsQuery } from '../../../renderer/features/runs/runs-session';
import { tableExportQuery, tableExportSubject } from '../../../renderer/features/tables/table-export-subject';
import type { FormatSummary } from '../../../shared/api/contract';
import { STEP_RUN_COLUMNS } from '../../../shared/query/runs-view';
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

const format: FormatSummary = {
  key: 'dbt-audit', id: 'dbt-audit', title: 'dbt audit log', runsTable: 'dbt_audit_summary', stepsTable: 'dbt_audit_detail',
  timeline: true, lineage: false, runColumns: ['run_id', 'run_name', 'status'], stepColumns: ['step_name', 'at', 'status'], warnings: [],
};

/** An ApiCall that records what it was asked and answers with a job id. */
function recorder(): { calls: { name: string; input: unknown }[]; call: ApiCall } {
  const calls: { name: string; input: unknown }[] = [];
  const call = (async (name: string, input: unknown) => {
    calls.push({ name, input });
    return { ok: true, value: { jobId: 'j2' } };
  }) as unknown as ApiCall;
  return { calls, call };
}

describe('export subject of steps', () => {
  it('writes one run\'s steps with the run columns first, named after the run, with a file-safe name', async () => {
    const { calls, call } = recorder();
    const subject = stepsExportSubject(call, 's1', format, { kind: 'run', runKey: ['inv-1', 'orders'], runId: 'inv-1 / orders', runName: 'orders' }, ['step_name', 'status'], { value: 4, exact: true });
    expect(subject.columns).toEqual([...STEP_RUN_COLUMNS, 'step_name', 'status']);
    expect(subject.title).toBe('dbt audit log: steps of orders');
    expect(subject.fileName).toBe('dbt-audit-steps-orders.csv');
    expect(subject.filters).toEqual(['run_id = inv-1 / orders']);
    expect(subject.count).toEqual({ value: 4, exact: true });
    await subject.start(DEFAULT_EXPORT_OPTIONS);
    expect(calls).toEqual([{
      name: 'export.startView',
      input: {
        storeId: 's1', format: 'dbt-audit', kind: 'steps', runKey: ['inv-1', 'orders'], options: DEFAULT_EXPORT_OPTIONS, target: 'dbt-audit-steps-orders.csv',
        query: { columns: [...STEP_RUN_COLUMNS, 'step_name', 'status'], filters: [], sort: [] },
      },
    }]);
    // A run known only by an id with slashes never names a folder.
    const byId = stepsExportSubject(call, 's1', format, { kind: 'run', runKey: ['a/b'], runId: 'a / b', runName: null }, [], null);
    expect(byId.fileName).toBe('dbt-audit-steps-a_b.csv');
  });

  it('offers the steps of the filtered runs beside the runs, and refuses them under cross-run toggles', async () => {
    const { calls, call } = recorder();
    const filters = [{ column: 'status', op: 'eq' as const, value: 'failed' }];
    const runs = runsExportSubject(call, 's1', format, { filters, sort: [] }, { value: 9, exact: true }, ['step_name']);
    const alt = runs.alternative;
    expect(alt?.label).toBe('Steps of these runs');
    expect(alt?.unavailable).toBeNull();
    expect(alt?.subject.count).toBeNull();
    expect(alt?.subject.filters).toEqual(['run status = failed']);
    await alt?.subject.start(DEFAULT_EXPORT_OPTIONS);
    expect(calls[0]?.input).toMatchObject({ kind: 'steps', query: { runFilters: filters, columns: [...STEP_RUN_COLUMNS, 'step_name'] } });
    expect(calls[0]?.input).not.toHaveProperty('runKey');
    // Its count comes from the server, asked with the very query the export will run.
    await alt?.subject.countAhead?.();
    expect(calls[1]).toEqual({
      name: 'export.countView',
      input: { storeId: 's1', format: 'dbt-audit', kind: 'steps', query: { columns: [...STEP_RUN_COLUMNS, 'step_name'], filters: [], sort: [], runFilters: filters } },
    });
    const toggled = runsExportSubject(call, 's1', format, { filters, sort: [], anyStepFailed: true }, null, ['step_name']);
    expect(toggled.alternative?.unavailable).toMatch(/Any step failed/);
    // A time window selects runs on the server too: the steps of the runs overlapping it.
    const window = { from: '2026-10-01T00:00:00Z', to: '2026-10-02T00:00:00Z' };
    const windowed = runsExportSubject(call, 's1', format, { filters, sort: [], window }, null, ['step_name']).alternative;
    expect(windowed?.unavailable).toBeNull();
    expect(windowed?.subject.filters).toEqual(['run status = failed', 'runs overlapping time 2026-10-01 00:00 → 2026-10-02 00:00 UTC']);
    await windowed?.subject.start(DEFAULT_EXPORT_OPTIONS);
    expect(calls.at(-1)?.input).toMatchObject({ kind: 'steps', query: { runFilters: filters, window } });
    expect(runsExportSubject(call, 's1', format, { filters, sort: [], window, search: 'x' }, null, ['step_name']).alternative?.unavailable).toMatch(/search/);
    // A format without steps offers no alternative.
    expect(runsExportSubject(call, 's1', { ...format, stepsTable: null }, { filters, sort: [] }, null, ['step_name']).alternative).toBeUndefined();
  });
});

describe('export subject of a runs view keeps the grid\'s sort', () => {
  it('writes the runs in the order the grid shows them, and says so in the dialog', async () => {
    const calls: { name: string; input: unknown }[] = [];
    const call = (async (name: string, input: unknown) => {
      calls.push({ name, input });
      return { ok: true, value: { jobId: 'j1' } };
    }) as unknown as ApiCall;
    const view = { ...initialView(format), sort: [{ column: 'duration_s', desc: true }, { column: 'run_name', desc: false }] };
    const query = runsExportQuery(format, view);
    expect(query.sort).toEqual([{ column: 'duration_s', desc: true }, { column: 'run_name', desc: false }]);
    // The grid's own query leaves sort to the grid; only the export carries it.
    expect(runsQuery(format, view).sort).toEqual([]);
    const subject = runsExportSubject(call, 's1', format, query, null);
    expect(subject.order).toEqual(['duration_s ↓', 'run_name ↑']);
    await subject.start(DEFAULT_EXPORT_OPTIONS);
    expect(calls[0]?.input).toMatchObject({ kind: 'runs', query: { sort: [{ column: 'duration_s', desc: true }, { column: 'run_name', desc: false }] } });
    // A table view says its order the same way.
    expect(tableExportSubject(call, 's1', table, { ...EMPTY_VIEW, sort: [{ column: 'id', desc: true }] }, null).order).toEqual(['id ↓']);
  });
});

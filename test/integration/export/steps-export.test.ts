/**
 * A steps export writes each step with its run's columns in front (run_id … run_actor), joined on
 * the run key: through `export.startView` on a real SQLite file and a real Postgres database.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/api/handlers';
import type { ProvenanceRecord } from '../../../electron/export/provenance';
import { StoreManager } from '../../../electron/sources/store-manager';
import type { ExportJobStatus, PageResult, StoreSummary } from '../../../shared/api/contract';
import type { Handlers } from '../../../shared/api/dispatch';
import { dispatch } from '../../../shared/api/dispatch';
import { STEP_RUN_COLUMNS } from '../../../shared/query/runs-view';
import { sha256, tempDir } from '../../helpers/files';
import { testServices } from '../../helpers/services';
import { sqliteDeps } from '../../helpers/sqlite-deps';

/** The dbt two-table audit log in SQL both engines accept: a failed run, a good one, a run without steps, a step without a run. */
const DDL = `CREATE TABLE dbt_audit_summary (invocation_id VARCHAR(255), model_name VARCHAR(255), run_started_at TIMESTAMP, run_ended_at TIMESTAMP,
    execution_time_seconds INTEGER, rows_processed INTEGER, status VARCHAR(50), run_by_user VARCHAR(255), custom_message VARCHAR(1000),
    PRIMARY KEY (invocation_id, model_name));
  CREATE TABLE dbt_audit_detail (detail_log_id VARCHAR(255) PRIMARY KEY, invocation_id VARCHAR(255), model_name VARCHAR(255), step_name VARCHAR(255),
    step_sequence_num INTEGER NULL, event_timestamp TIMESTAMP, status VARCHAR(50), message VARCHAR(1000));
  INSERT INTO dbt_audit_summary VALUES
    ('inv-1', 'orders', '2026-10-01 10:00:00', '2026-10-01 10:00:30', 30, NULL, 'completed', 'ana', NULL),
    ('inv-1', 'payments', '2026-10-01 10:00:00', '2026-10-01 10:01:00', NULL, NULL, 'Error', 'ana', 'division by zero'),
    ('inv-2', 'orders', '2026-10-02 09:00:00', NULL, NULL, NULL, 'started', 'bo', NULL);
  INSERT INTO dbt_audit_detail VALUES
    ('d1', 'inv-1', 'payments', 'execute', 2, '2026-10-01 10:00:20', 'error', 'division by zero'),
    ('d2', 'inv-1', 'payments', 'compile', 1, '2026-10-01 10:00:10', 'info', NULL),
    ('d3', 'inv-1', 'payments', 'cleanup', NULL, '2026-10-01 10:00:01', 'debug', NULL),
    ('d4', 'inv-1', 'orders', 'compile', 1, '2026-10-01 10:00:05', 'info', NULL),
    ('d5', 'inv-1', 'orders', 'execute', 2, '2026-10-01 10:00:25', 'info', 'ok, "done"'),
    ('d6', 'inv-9', 'lost', 'compile', 1, '2026-10-03 08:00:00', 'info', NULL);`;

/** What each step's run columns must say, by detail_log_id (the orphan's run columns are empty). */
const RUN_OF: Record<string, readonly string[]> = {
  'inv-1/payments': ['inv-1 / payments', 'payments', '2026-10-01 10:00:00', '2026-10-01 10:01:00', '60', 'failed', 'ana'],
  'inv-1/orders': ['inv-1 / orders', 'orders', '2026-10-01 10:00:00', '2026-10-01 10:00:30', '30', 'ok', 'ana'],
  'inv-9/lost': ['', '', '', '', '', '', ''],
};
const STEPS = 6;

const { dir, cleanup } = tempDir();
const file = path.join(dir, 'dbt.db');
const pgDb = `al_steps_${crypto.randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
const stores = new StoreManager(sqliteDeps);
let handlers: Handlers;
let hash: string;

async function call<T>(name: string, input: unknown): Promise<T> {
  const r = await dispatch(handlers, name, input, { transport: 'test' });
  if (!r.ok) {
    throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  }
  return r.value as T;
}

/** Starts a steps export and waits for it; returns the CSV records and the provenance record. */
async function exportSteps(storeId: string, format: string, input: Record<string, unknown>): Promise<{ records: string[][]; record: ProvenanceRecord; rows: number }> {
  const { jobId } = await call<{ jobId: string }>('export.startView', { storeId, format, kind: 'steps', options: { provenance: true, safe: false }, ...input });
  for (let i = 0; i < 400; i++) {
    const s = await call<ExportJobStatus>('export.progress', { jobId });
    if (s.state === 'done' && s.path) {
      const records = parse(fs.readFileSync(s.path, 'utf8'));
      return { records, record: JSON.parse(fs.readFileSync(`${s.path}.json`, 'utf8')) as ProvenanceRecord, rows: s.rows };
    }
    if (s.state !== 'running') {
      throw new Error(`export ${s.state}: ${s.error?.message ?? ''}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('export did not finish');
}

/** The run columns of every record, keyed by the step's own run-key columns. */
function checkRunColumns(records: string[][]): void {
  const header = records[0] ?? [];
  const [inv, model] = [header.indexOf('dbt_audit_detail.invocation_id'), header.indexOf('dbt_audit_detail.model_name')];
  expect(inv).toBeGreaterThan(STEP_RUN_COLUMNS.length - 1);
  for (const r of records.slice(1)) {
    expect(r.slice(0, STEP_RUN_COLUMNS.length), `step ${r.join(',')}`).toEqual(RUN_OF[`${r[inv]}/${r[model]}`]);
  }
}

/** The same checks on either engine: all steps, one run's chosen columns, the steps of failed runs. */
function describeSteps(engine: string, open: () => Promise<string>, format: string): void {
  describe(`steps export with run columns (${engine})`, () => {
    let storeId: string;
    beforeAll(async () => {
      storeId = await open();
    });

    it('writes every step once, the run columns first and equal to its run, then all step columns', async () => {
      const { records, record, rows } = await exportSteps(storeId, format, { query: {} });
      expect(await call('export.countView', { storeId, format, kind: 'steps', query: {} })).toEqual({ value: STEPS, exact: true });
      expect(await call('export.countView', { storeId, format, kind: 'runs', query: {} })).toMatchObject({ exact: true });
      const header = records[0] ?? [];
      expect(header.slice(0, 8)).toEqual(['run_id', 'run_name', 'run_started_at', 'run_ended_at', 'run_duration_s', 'run_status', 'run_actor', 'step_name']);
      expect(header).toContain('status');
      expect(header).toContain('dbt_audit_detail.detail_log_id');
      expect(rows).toBe(STEPS);
      expect(records).toHaveLength(STEPS + 1);
      checkRunColumns(records);
      expect(record.view).toMatchObject({ kind: 'steps', format: 'dbt-audit', columns: header });
      expect(record.rowCount).toBe(STEPS);
      expect(record.sql).toMatch(/LEFT JOIN/);
    });

    it("puts the run columns before the columns asked for, for one run's steps in step order", async () => {
      const page = await call<PageResult>('runs.page', { storeId, format, query: { filters: [{ column: 'status', op: 'eq', value: 'failed' }], sort: [] }, startRow: 0, endRow: 5 });
      expect(page.rows).toHaveLength(1);
      const { records, record } = await exportSteps(storeId, format, { query: { columns: ['step_name', 'status', 'dbt_audit_detail.invocation_id', 'dbt_audit_detail.model_name'] }, runKey: page.keys[0] });
      expect(record.view.runKey).toEqual(page.keys[0]);
      expect(record.view).not.toHaveProperty('runFilters');
      expect(records[0]).toEqual([...STEP_RUN_COLUMNS, 'step_name', 'status', 'dbt_audit_detail.invocation_id', 'dbt_audit_detail.model_name']);
      expect(records.slice(1).map((r) => [r[5], r[1], r[7], r[8]])).toEqual([
        ['failed', 'payments', 'compile', 'ok'], ['failed', 'payments', 'execute', 'failed'], ['failed', 'payments', 'cleanup', 'ok'],
      ]);
      checkRunColumns(records);
    });

    it('writes the steps of many runs run by run, each run in its step order', async () => {
      const all = await exportSteps(storeId, format, { query: { columns: ['step_name'], filters: [], sort: [] } });
      // Columns: the 7 run columns, then step_name; the run key orders the runs (inv-9 has no run row).
      expect(all.records.slice(1).map((r) => [r[0], r[7]])).toEqual([
        ['inv-1 / orders', 'compile'], ['inv-1 / orders', 'execute'],
        ['inv-1 / payments', 'compile'], ['inv-1 / payments', 'execute'], ['inv-1 / payments', 'cleanup'],
        ['', 'compile'],
      ]);
    });

    it('exports the steps of every run matching the run filters, with step filters still on step columns', async () => {
      const query = { columns: ['step_name'], runFilters: [{ column: 'status', op: 'eq', value: 'failed' }] };
      // The dialog's count ahead runs the export's own plan: it is the number of rows written.
      const ahead = await call<{ value: number; exact: boolean }>('export.countView', { storeId, format, kind: 'steps', query });
      const failedRuns = await exportSteps(storeId, format, { query });
      expect(ahead).toEqual({ value: failedRuns.rows, exact: true });
      expect(failedRuns.records).toHaveLength(4);
      // The provenance keeps run filters apart from filters on the steps' own columns.
      expect(failedRuns.record.view.runFilters).toEqual(query.runFilters);
      expect(failedRuns.record.filters).toEqual([]);
      expect(failedRuns.records.slice(1).every((r) => r[5] === 'failed' && r[1] === 'payments')).toBe(true);
      const okSteps = await exportSteps(storeId, format, { query: { columns: ['step_name', 'status'], filters: [{ column: 'status', op: 'eq', value: 'ok' }], sort: [{ column: 'step_name', desc: false }] } });
      expect(okSteps.records.slice(1).map((r) => [r[7], r[8], r[5]])).toEqual([
        ['cleanup', 'ok', 'failed'], ['compile', 'ok', 'failed'], ['compile', 'ok', 'ok'], ['compile', 'ok', ''], ['execute', 'ok', 'ok'],
      ]);
    });
  });
}

beforeAll(async () => {
  const db = new Database(file);
  db.exec(DDL);
  db.close();
  hash = sha256(file);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pgDb}`);
  const c = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: pgDb });
  await c.connect();
  await c.query(DDL);
  await c.end();
  handlers = createHandlers(testServices(dir, file, stores));
});

afterAll(async () => {
  await stores.closeAll();
  await admin.query(`DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`);
  await admin.end();
  expect(sha256(file)).toBe(hash);
  cleanup();
});

describeSteps('SQLite', async () => (await call<StoreSummary>('stores.openPath', { path: file })).storeId, 'dbt-audit::dbt_audit_summary');
describeSteps('Postgres', async () => (await call<StoreSummary>('pg.connect', { host: '127.0.0.1', database: pgDb, user: 'postgres' })).storeId, 'dbt-audit:public:dbt_audit_summary');

describe('the SQLite store', () => {
  it('is unchanged by the exports (SHA-256)', () => {
    expect(sha256(file)).toBe(hash);
  });
});

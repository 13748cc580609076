/**
 * Issue 13 item 8: a store's own column names filter and sort the runs and steps views. The store
 * is the dbt two-table audit log (dbt_audit_summary / dbt_audit_detail, the kiranjambapuram/dbt
 * macros per audit-formats.md §6.2), whose views show its columns as `dbt_audit_detail.invocation_id`;
 * `--filter invocation_id=…` must still work, in SQLite and Postgres, with counts from SQL.
 */
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewExportPlan } from '../../../electron/cli/view-plan';
import type { Source } from '../../../electron/sources/source';
import { StoreManager } from '../../../electron/sources/store-manager';
import { parseFilterExpr, parseSortExpr } from '../../../shared/query/filter-expr';
import { tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const { dir, cleanup } = tempDir();
const db = `al_colnames_${crypto.randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
const stores = new StoreManager(sqliteDeps);

const DDL = [
  'CREATE TABLE dbt_audit_summary (invocation_id varchar(255), model_name varchar(255), run_started_at timestamp, run_ended_at timestamp, execution_time_seconds integer, status varchar(50), run_by_user varchar(255), PRIMARY KEY (invocation_id, model_name))',
  'CREATE TABLE dbt_audit_detail (detail_log_id varchar(255) PRIMARY KEY, invocation_id varchar(255), model_name varchar(255), step_name varchar(255), step_sequence_num integer NULL, event_timestamp timestamp, status varchar(50), message varchar(1000))',
];
const INVOCATIONS = ['i1', 'i2', 'i3'];
const MODELS = ['orders', 'payments', 'customers'];

function inserts(): string[] {
  const out: string[] = [];
  let d = 0;
  INVOCATIONS.forEach((inv, i) => {
    MODELS.forEach((m, j) => {
      const status = (i + j) % 4 === 1 ? 'error' : 'completed';
      out.push(`INSERT INTO dbt_audit_summary VALUES ('${inv}', '${m}', '2026-10-0${i + 1} 10:0${j}:00', '2026-10-0${i + 1} 10:0${j}:30', 30, '${status}', 'ana')`);
      for (let k = 0; k <= j; k++) {
        d += 1;
        out.push(`INSERT INTO dbt_audit_detail VALUES ('d${d}', '${inv}', '${m}', 'step${k}', ${k === 2 ? 'NULL' : k + 1}, '2026-10-0${i + 1} 10:0${j}:1${k}', 'info', NULL)`);
      }
    });
  });
  return out;
}

const closers: (() => Promise<void>)[] = [];
const sources: { name: string; source: Source; truth: (sql: string) => Promise<number> }[] = [];

beforeAll(async () => {
  const file = path.join(dir, 'dbt-audit.db');
  const lite = new Database(file);
  for (const s of [...DDL, ...inserts()]) {
    lite.exec(s);
  }
  sources.push({ name: 'sqlite', source: (await stores.openLocation(file)).source, truth: async (sql) => Number((lite.prepare(sql).get() as { n: number }).n) });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  const c = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: db });
  await c.connect();
  for (const s of [...DDL, ...inserts()]) {
    await c.query(s);
  }
  sources.push({ name: 'postgres', source: (await stores.openLocation(`postgres://postgres@127.0.0.1:5432/${db}`)).source, truth: async (sql) => Number((await c.query<{ n: string }>(sql)).rows[0]?.n) });
  closers.push(async () => {
    lite.close();
  }, () => c.end());
}, 60_000);

afterAll(async () => {
  for (const close of closers) {
    await close();
  }
  await stores.closeAll();
  await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin.end();
  cleanup();
});

const args = { format: 'dbt-audit', run: null, columns: null, mappingFile: null } as const;

describe.each(['sqlite', 'postgres'])('store column names in views (%s)', (engine) => {
  const pick = () => sources.find((s) => s.name === engine) as (typeof sources)[number];

  it('--filter invocation_id=… on the runs and steps views counts what SQL counts', async () => {
    const { source, truth } = pick();
    const filters = [parseFilterExpr('invocation_id=i2')];
    const runs = await source.count((await viewExportPlan(source, { ...args, view: 'runs', filters, sort: [] }, null)).plan, 10_000);
    expect(runs.value).toBe(await truth("SELECT count(*) AS n FROM dbt_audit_summary WHERE invocation_id = 'i2'"));
    const steps = await source.count((await viewExportPlan(source, { ...args, view: 'steps', filters, sort: [] }, null)).plan, 10_000);
    expect(steps.value).toBe(await truth("SELECT count(*) AS n FROM dbt_audit_detail WHERE invocation_id = 'i2'"));
    expect(steps.value).toBe(6);
  });

  it('a bare name sorts, and a range filter on it compares like the stored column', async () => {
    const { source, truth } = pick();
    const { plan } = await viewExportPlan(source, { ...args, view: 'steps', filters: [parseFilterExpr('step_sequence_num>=2')], sort: [parseSortExpr('detail_log_id:desc')] }, null);
    const page = await source.page(plan, 0, 100);
    const id = page.columns.indexOf('dbt_audit_detail.detail_log_id');
    const ids = page.rows.map((r) => r[id] as string);
    expect(ids.length).toBe(await truth('SELECT count(*) AS n FROM dbt_audit_detail WHERE step_sequence_num >= 2'));
    expect(ids).toEqual([...ids].sort().reverse());
  });

  it('a name that is neither a view column nor a store column is refused with the view named', async () => {
    const { source } = pick();
    await expect(viewExportPlan(source, { ...args, view: 'runs', filters: [parseFilterExpr('nope=1')], sort: [] }, null)).rejects.toThrow(/no column named "nope"/);
  });
});

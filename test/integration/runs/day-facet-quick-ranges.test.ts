/**
 * Issue 13 item 16: the Day facet reaches the newest day, and quick ranges count back from the
 * newest run in the store. The store is the dbt two-table audit summary (kiranjambapuram/dbt
 * macros, audit-formats.md §6.2) with years of history: busy days long ago (a backfill), a quiet
 * recent week, so the busiest 30 days never include the last one. Counts come from SQL, on SQLite
 * and Postgres, through the runs handlers the app calls.
 */
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunsHandlers } from '../../../electron/api/runs-handlers';
import type { Source } from '../../../electron/sources/source';
import { StoreManager } from '../../../electron/sources/store-manager';
import { FormatCatalogs } from '../../../electron/views/format-catalogs';
import { quickWindow, QUICK_RANGES } from '../../../renderer/features/runs/quick-ranges';
import type { RunFacets } from '../../../shared/api/contract';
import { tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const { dir, cleanup } = tempDir();
const db = `al_days_${crypto.randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
const stores = new StoreManager(sqliteDeps);
const DDL = 'CREATE TABLE dbt_audit_summary (invocation_id varchar(255), model_name varchar(255), run_started_at varchar(32), run_ended_at varchar(32), status varchar(50), PRIMARY KEY (invocation_id, model_name))';
const pad = (n: number): string => String(n).padStart(2, '0');
const sqlTime = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
/** The naive wall time of an instant here: dbt-audit reads naive times as the writer's local time. */
const localSql = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};

/** 2024: 40 backfill days of 20 runs each; then one run a day to 2027-03-21, and six runs on the last day. */
function runs(): { id: string; start: number; end: number; status: string }[] {
  const out: { id: string; start: number; end: number; status: string }[] = [];
  const day0 = Date.UTC(2024, 0, 1);
  for (let d = 0; d < 40; d++) {
    for (let k = 0; k < 20; k++) {
      out.push({ id: `b${d}-${k}`, start: day0 + d * 86_400_000 + k * 600_000, end: day0 + d * 86_400_000 + k * 600_000 + 60_000, status: 'completed' });
    }
  }
  const last = Date.UTC(2027, 2, 21);
  for (let t = Date.UTC(2024, 2, 1); t < last; t += 86_400_000) {
    out.push({ id: `d${t}`, start: t + 3_600_000, end: t + 3_700_000, status: t % 3 === 0 ? 'error' : 'completed' });
  }
  for (let k = 0; k < 6; k++) {
    out.push({ id: `last${k}`, start: last + 7 * 3_600_000 + k * 900_000, end: last + 7 * 3_600_000 + k * 900_000 + 30_000, status: k === 5 ? 'error' : 'completed' });
  }
  return out;
}
const RUNS = runs();
const inserts = (): string => `INSERT INTO dbt_audit_summary VALUES ${RUNS.map((r) => `('${r.id}', 'orders', '${sqlTime(r.start)}', '${sqlTime(r.end)}', '${r.status}')`).join(', ')}`;

const CTX = { transport: 'test' } as const;
const engines = new Map<string, { source: Source; truth: (sql: string) => Promise<unknown[]> }>();
let pgClient: pg.Client | null = null;
let lite: Database.Database | null = null;

beforeAll(async () => {
  const file = path.join(dir, 'years.db');
  lite = new Database(file);
  lite.exec(DDL);
  lite.exec(inserts());
  const l = lite;
  engines.set('sqlite', { source: (await stores.openLocation(file)).source, truth: async (sql) => Object.values(l.prepare(sql).get() as Record<string, unknown>) });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  pgClient = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: db });
  await pgClient.connect();
  await pgClient.query(DDL);
  await pgClient.query(inserts());
  const c = pgClient;
  engines.set('postgres', { source: (await stores.openLocation(`postgres://postgres@127.0.0.1:5432/${db}`)).source, truth: async (sql) => Object.values((await c.query<Record<string, unknown>>(sql)).rows[0] ?? {}) });
}, 60_000);

afterAll(async () => {
  await stores.closeAll();
  lite?.close();
  await pgClient?.end();
  await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin.end();
  cleanup();
});

describe.each(['sqlite', 'postgres'])('day facet and quick ranges (%s)', (engine) => {
  const handlersOf = (source: Source) => createRunsHandlers(new FormatCatalogs({ get: () => source }, () => []), (_id, run) => run(undefined));

  it('lists days newest first with their counts, the last day on top', async () => {
    const { source, truth } = engines.get(engine) as { source: Source; truth: (sql: string) => Promise<unknown[]> };
    const h = handlersOf(source);
    const facets: RunFacets = await h['runs.facets']({ storeId: 's', format: 'dbt-audit', query: { filters: [], sort: [] }, limit: 30 }, CTX);
    const [lastDay, lastCount] = await truth('SELECT substr(max(run_started_at), 1, 10) AS d, count(*) AS n FROM dbt_audit_summary WHERE run_started_at >= (SELECT substr(max(run_started_at), 1, 10) FROM dbt_audit_summary)');
    expect(facets.day.values[0]).toEqual({ value: lastDay, count: Number(lastCount) });
    expect(lastDay).toBe('2027-03-21');
    const days = facets.day.values.map((v) => v.value as string);
    expect(days).toEqual([...days].sort().reverse());
    expect(facets.day.complete).toBe(false);
    // The failed runs of the last day are a click away: the facet's day under status = failed.
    const failed: RunFacets = await h['runs.facets']({ storeId: 's', format: 'dbt-audit', query: { filters: [{ column: 'status', op: 'eq', value: 'failed' }], sort: [] }, limit: 30 }, CTX);
    const [failedLast] = await truth("SELECT count(*) AS n FROM dbt_audit_summary WHERE status = 'error' AND run_started_at >= '2027-03-21'");
    expect(failed.day.values[0]).toEqual({ value: '2027-03-21', count: Number(failedLast) });
  });

  it('quick ranges count back from the newest run in the store, whatever the filters', async () => {
    const { source, truth } = engines.get(engine) as { source: Source; truth: (sql: string) => Promise<unknown[]> };
    const h = handlersOf(source);
    const facets = await h['runs.facets']({ storeId: 's', format: 'dbt-audit', query: { filters: [{ column: 'status', op: 'eq', value: 'failed' }], sort: [] }, limit: 30 }, CTX);
    const [max] = await truth('SELECT max(run_started_at) AS m FROM dbt_audit_summary');
    // Naive text is local wall time, as JavaScript reads a date-time without an offset.
    expect(facets.newest).toBe(new Date(String(max).replace(' ', 'T')).toISOString());
    for (const [label, span] of QUICK_RANGES) {
      const window = quickWindow(facets.newest as string, span);
      const counted = await h['runs.count']({ storeId: 's', format: 'dbt-audit', query: { filters: [], sort: [], window }, budgetMs: 10_000 }, CTX);
      // Runs overlapping the window: started before its end, ended at or after its start.
      const [n] = await truth(`SELECT count(*) AS n FROM dbt_audit_summary WHERE run_started_at < '${localSql(Date.parse(window.to))}' AND run_ended_at >= '${localSql(Date.parse(window.from))}'`);
      expect(counted.value, label).toBe(Number(n));
      expect(Number(n), label).toBeGreaterThan(0);
    }
  });
});

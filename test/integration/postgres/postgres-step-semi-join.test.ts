/**
 * The semi-join into the steps ("any step failed", the search across runs and steps) compiled
 * for Postgres, as EXISTS and as IN with row values: pages and counts equal plain SQL.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Source } from '../../../electron/sources/source';
import { StoreManager } from '../../../electron/sources/store-manager';
import { runsPlan } from '../../../electron/views/runs-plan';
import { forWholeScan } from '../../../electron/views/semi-join';
import { findFormat } from '../../../electron/views/store-formats';
import type { ViewQuery } from '../../../shared/model/view-request';
import type { Plan, PlanCondition } from '../../../shared/query/plan';
import { cellToText } from '../../../shared/model/values';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const db = `al_semijoin_${crypto.randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
const stores = new StoreManager(sqliteDeps);
let source: Source;
let client: pg.Client;

beforeAll(async () => {
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: db });
  await client.connect();
  // 3,000 runs, 5 steps each, no index on the steps' run key; every 40th run has a failed step,
  // every 97th step a message with LIKE wildcards in it, in mixed case.
  await client.query(`
    CREATE TABLE dbt_audit_summary (invocation_id varchar(255), model_name varchar(255), run_started_at timestamp, run_ended_at timestamp, execution_time_seconds integer, rows_processed integer, status varchar(50), run_by_user varchar(255), custom_message varchar(1000), PRIMARY KEY (invocation_id, model_name));
    CREATE TABLE dbt_audit_detail (detail_log_id varchar(255) PRIMARY KEY, invocation_id varchar(255), model_name varchar(255), step_name varchar(255), step_sequence_num integer NULL, event_timestamp timestamp, status varchar(50), message varchar(1000));
    INSERT INTO dbt_audit_summary SELECT 'inv-' || (i / 10), 'model_' || (i % 10), timestamp '2026-10-01' + i * interval '7 seconds', NULL, i % 90, NULL,
      CASE WHEN i % 40 = 0 THEN 'error' ELSE 'completed' END, 'u', CASE WHEN i % 333 = 0 THEN 'Run said VACUUM 50%_done' END FROM generate_series(0, 2999) AS i;
    INSERT INTO dbt_audit_detail SELECT 'd' || s, 'inv-' || ((s / 5) / 10), 'model_' || ((s / 5) % 10), 'step_' || (s % 5), s % 5, timestamp '2026-10-01' + (s / 5) * interval '7 seconds',
      CASE WHEN (s / 5) % 40 = 0 AND s % 5 = 2 THEN 'error' ELSE 'info' END,
      CASE WHEN s % 97 = 0 THEN 'vacuum 50%_Done at step' WHEN s % 89 = 0 THEN 'vacuum 50X done' END FROM generate_series(0, 14999) AS s;`);
  source = (await stores.openLocation(`postgres://postgres@127.0.0.1:5432/${db}`)).source;
}, 60_000);

afterAll(async () => {
  await stores.closeAll();
  await client.end();
  await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin.end();
});

async function truth(where: string, params: unknown[] = []): Promise<string[]> {
  const r = await client.query<{ id: string }>(`SELECT invocation_id || ' / ' || model_name AS id FROM dbt_audit_summary WHERE ${where} ORDER BY run_started_at DESC, invocation_id, model_name`, params);
  return r.rows.map((x) => x.id);
}

function drivenBy(plan: Plan, how: 'exists' | 'in'): Plan {
  const as = (c: PlanCondition): PlanCondition => (c.kind === 'exists' ? { ...c, semiJoin: how } : c.kind === 'anyOf' ? { ...c, conditions: c.conditions.map(as) } : c);
  return { ...plan, conditions: (plan.conditions ?? []).map(as) };
}

async function shown(query: ViewQuery, how: 'exists' | 'in'): Promise<{ ids: string[]; count: number }> {
  const f = findFormat(await source.catalog(), 'dbt-audit');
  const plan = drivenBy(await runsPlan(source, f, { ...query, columns: ['run_id'] }), how);
  const page = await source.page(plan, 0, 500);
  const count = await source.count(forWholeScan(plan), 10_000);
  expect(count.exact).toBe(true);
  return { ids: page.rows.map((r) => cellToText(r[0] ?? null)), count: count.value };
}

describe.each(['exists', 'in'] as const)('on Postgres, asked as %s', (how) => {
  it('"any step failed" keeps the runs SQL keeps', async () => {
    const expected = await truth("(invocation_id, model_name) IN (SELECT invocation_id, model_name FROM dbt_audit_detail WHERE lower(status) = 'error')");
    expect(expected).toHaveLength(75);
    expect(await shown({ filters: [], sort: [], anyStepFailed: true }, how)).toEqual({ ids: expected, count: expected.length });
  });

  it('the search keeps runs by their own or a step message, case-insensitive, with % and _ literal', async () => {
    const expected = await truth('strpos(lower(custom_message), lower($1)) > 0 OR (invocation_id, model_name) IN (SELECT invocation_id, model_name FROM dbt_audit_detail WHERE strpos(lower(message), lower($1)) > 0)', ['VACUUM 50%_done']);
    expect(expected.length).toBeGreaterThan(100);
    const got = await shown({ filters: [], sort: [], search: 'VACUUM 50%_done' }, how);
    expect(got).toEqual({ ids: expected, count: expected.length });
    // "50X done" is not "50%_done": a LIKE that took the wildcards as wildcards would find more.
    const loose = await truth("custom_message ILIKE '%vacuum 50%_done%' OR (invocation_id, model_name) IN (SELECT invocation_id, model_name FROM dbt_audit_detail WHERE message ILIKE '%vacuum 50%_done%')");
    expect(loose.length).toBeGreaterThan(expected.length);
  });
});

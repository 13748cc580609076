import crypto from 'node:crypto';
import { Client } from 'pg';
import { PostgresPanel } from './pages/postgres-panel';
import { RunsPage } from './pages/runs-page';
import { StartPage } from './pages/start-page';
import { ViewLinkPage } from './pages/view-link-page';
import { expect, test } from './fixtures/server';

/** A throwaway database on the local Postgres (trust auth), named so parallel runs never meet. */
const DB = `auditlens_link_${crypto.randomBytes(5).toString('hex')}`;
const ADMIN = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' };

async function withDb<T>(database: string, work: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ ...ADMIN, database });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

test.beforeAll(async () => {
  await withDb('postgres', (c) => c.query(`CREATE DATABASE ${DB}`));
  await withDb(DB, async (c) => {
    await c.query(`
      CREATE SCHEMA audit;
      CREATE TABLE audit.transformation_session (
        id UUID PRIMARY KEY DEFAULT gen_random_uuid(), session_type VARCHAR(50) NOT NULL, status VARCHAR(20) DEFAULT 'ACTIVE',
        started_at TIMESTAMPTZ DEFAULT NOW(), completed_at TIMESTAMPTZ, error_message TEXT);
      CREATE TABLE audit.transformation_operation (
        id BIGSERIAL PRIMARY KEY, session_id UUID NOT NULL REFERENCES audit.transformation_session(id) ON DELETE CASCADE,
        operation_type VARCHAR(50), operation_order INT, input_tables TEXT[], created_at TIMESTAMPTZ);
      INSERT INTO audit.transformation_session (session_type, status, started_at, completed_at, error_message)
      SELECT (ARRAY['BRONZE_TO_SILVER','SILVER_TO_GOLD'])[1 + i % 2], CASE WHEN i % 5 = 0 THEN 'FAILED' ELSE 'COMPLETED' END,
             timestamptz '2025-03-01 00:00:00+00' + i * interval '1 hour', timestamptz '2025-03-01 00:00:00+00' + i * interval '1 hour' + i * interval '1 second',
             CASE WHEN i % 5 = 0 THEN 'boom' END
      FROM generate_series(1, 60) AS i;
      INSERT INTO audit.transformation_operation (session_id, operation_type, operation_order, created_at)
      SELECT s.id, 'SELECT', 1, s.started_at FROM audit.transformation_session s;`);
  });
});

test.afterAll(async () => {
  await withDb('postgres', (c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`));
});

test('a Postgres view link names the database without a password, and a reload reopens it through the saved connection', async ({ page, appUrl }) => {
  const start = new StartPage(page);
  const pg = new PostgresPanel(page);
  const runs = new RunsPage(page);
  const link = new ViewLinkPage(page);
  const failed = await withDb(DB, async (c) => Number((await c.query<{ n: string }>("SELECT count(*) AS n FROM audit.transformation_session WHERE status = 'FAILED'")).rows[0]?.n));
  expect(failed).toBe(12);

  await start.goto(appUrl);
  await pg.fill({ host: '127.0.0.1', port: '5432', database: DB, user: 'postgres', schemas: 'audit', saveAs: 'link test' });
  await pg.connectWithEnter();
  await expect(runs.view).toHaveAttribute('data-format', 'transformation-log');
  await runs.waitForRows();
  await runs.toggleFacet('status', 'failed');
  expect(await runs.exactRunCount()).toBe(failed);

  await expect.poll(() => link.params().getAll('_pg').length).toBe(1);
  const address = new URL(link.params().get('_pg') ?? '');
  expect(address.password).toBe('');
  expect(address.pathname).toBe(`/${DB}`);

  await link.reload();
  await expect(runs.view).toHaveAttribute('data-format', 'transformation-log');
  await runs.waitForRows();
  expect(await runs.exactRunCount()).toBe(failed);
  await expect(runs.filterChips).toHaveCount(1);
  await expect(link.errorBar).toHaveCount(0);
});

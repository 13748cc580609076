import { parse } from 'csv-parse/sync';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Client } from 'pg';
import { ExplorerPage } from './pages/explorer-page';
import { ExportDialogPage } from './pages/export-dialog-page';
import { PostgresPanel } from './pages/postgres-panel';
import { RunsPage } from './pages/runs-page';
import { StartPage } from './pages/start-page';
import { expect, test } from './fixtures/server';

/** A throwaway database on the local Postgres (trust auth), named so parallel runs never meet. */
const DB = `auditlens_e2e_${crypto.randomBytes(5).toString('hex')}`;
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

/** Ground truth for the UI: one number from SQL on the test database. */
async function sqlCount(sql: string, ...params: unknown[]): Promise<number> {
  return withDb(DB, async (c) => Number((await c.query<{ n: string }>(sql, params)).rows[0]?.n));
}

/** A digest of every row of the audit tables: the export must leave them as they were. */
async function auditChecksum(): Promise<string> {
  return withDb(DB, async (c) => String((await c.query<{ h: string }>(
    `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM (
       SELECT s::text AS t FROM audit.transformation_session s UNION ALL SELECT o::text FROM audit.transformation_operation o) AS x`,
  )).rows[0]?.h));
}

const OPERATIONS = ['SELECT', 'JOIN', 'FILTER', 'AGGREGATE', 'VALIDATE', 'EXPORT'];

test.beforeAll(async () => {
  await withDb('postgres', (c) => c.query(`CREATE DATABASE ${DB}`));
  await withDb(DB, async (c) => {
    await c.query(`
      CREATE SCHEMA audit;
      CREATE TABLE audit.transformation_session (
        id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
        session_type VARCHAR(50) NOT NULL,
        status VARCHAR(20) DEFAULT 'ACTIVE',
        started_at TIMESTAMPTZ DEFAULT NOW(),
        completed_at TIMESTAMPTZ,
        error_message TEXT
      );
      CREATE TABLE audit.transformation_operation (
        id BIGSERIAL PRIMARY KEY,
        session_id UUID NOT NULL REFERENCES audit.transformation_session(id) ON DELETE CASCADE,
        operation_type VARCHAR(50),
        operation_order INT,
        input_tables TEXT[],
        created_at TIMESTAMPTZ
      );
      CREATE INDEX ON audit.transformation_operation (session_id, operation_order);
      CREATE INDEX ON audit.transformation_session (started_at);
    `);
    // 300 sessions over 300 hours; every 7th failed, every 23rd still running; 2 to 5 operations each.
    await c.query(`
      INSERT INTO audit.transformation_session (session_type, status, started_at, completed_at, error_message)
      SELECT (ARRAY['BRONZE_TO_SILVER','SILVER_TO_GOLD','SILVER_AGGREGATE'])[1 + i % 3],
             CASE WHEN i % 7 = 0 THEN 'FAILED' WHEN i % 23 = 0 THEN 'ACTIVE' ELSE 'COMPLETED' END,
             timestamptz '2025-03-01 00:00:00+00' + i * interval '1 hour',
             CASE WHEN i % 23 = 0 AND i % 7 <> 0 THEN NULL ELSE timestamptz '2025-03-01 00:00:00+00' + i * interval '1 hour' + (30 + i % 50) * interval '1 second' END,
             CASE WHEN i % 7 = 0 THEN 'relation "silver.prices" does not exist' END
      FROM generate_series(1, 300) AS i`);
    await c.query(`
      INSERT INTO audit.transformation_operation (session_id, operation_type, operation_order, input_tables, created_at)
      SELECT s.id, ($1::text[])[1 + (abs(hashtext(s.id::text)) + n) % 6], n, ARRAY['bronze.raw_' || n], s.started_at + n * interval '5 seconds'
      FROM audit.transformation_session s, generate_series(1, 2 + abs(hashtext(s.id::text)) % 4) AS n`, [OPERATIONS]);
  });
});

test.afterAll(async () => {
  await withDb('postgres', (c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`));
});

test('connect to Postgres with the form: test, write warning, runs of the transformation log, a filtered table exported', async ({ page, appUrl }, testInfo) => {
  const start = new StartPage(page);
  const pg = new PostgresPanel(page);
  const runs = new RunsPage(page);
  const explorer = new ExplorerPage(page);
  const failed = await sqlCount("SELECT count(*) AS n FROM audit.transformation_session WHERE status = 'FAILED'");
  const joins = await sqlCount("SELECT count(*) AS n FROM audit.transformation_operation WHERE operation_type = 'JOIN'");
  expect(failed).toBeGreaterThan(0);
  expect(joins).toBeGreaterThan(0);

  await start.goto(appUrl);
  await pg.fill({ host: '127.0.0.1', port: '5432', database: DB, user: 'postgres', schemas: 'audit' });
  await pg.test();
  await expect(pg.testResult).toContainText(/PostgreSQL \d+/);
  await expect(pg.testResult).toContainText('postgres');
  await expect(pg.tableCount).toHaveAttribute('data-value', '2');
  await expect(pg.writeWarning).toContainText('superuser');
  await page.screenshot({ path: testInfo.outputPath('pg-tested.png') });

  // A typed password cannot be kept in browser mode: the form says so before anything is sent.
  await pg.fill({ password: 'not-needed', saveAs: 'local audit' });
  await expect(pg.passwordNote).toContainText('will not be saved');
  await page.screenshot({ path: testInfo.outputPath('pg-password-note.png') });
  await pg.fill({ password: '', saveAs: '' });
  await expect(pg.passwordNote).toHaveCount(0);

  await pg.connectWithEnter();
  await expect(explorer.root).toBeVisible();
  const banner = page.getByTestId('write-warning');
  await expect(banner).toContainText('superuser');

  // A store with one known format opens on its runs.
  await expect(runs.view).toHaveAttribute('data-format', 'transformation-log');
  await runs.waitForRows();
  await expect.poll(() => runs.facetCount('status', 'failed')).toBe(failed);
  await runs.toggleFacet('status', 'failed');
  expect(await runs.exactRunCount()).toBe(failed);
  await page.screenshot({ path: testInfo.outputPath('pg-runs.png') });

  // The sidebar labels schema tables `audit.name`; a filtered table counts what SQL counts.
  await explorer.openTable('transformation_operation');
  await expect(explorer.tableItem('transformation_operation')).toContainText('audit.transformation_operation');
  await explorer.filterColumnEquals('operation_type', 'JOIN');
  expect(await explorer.exactRowCount()).toBe(joins);
  await expect(banner).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('pg-table.png') });

  // Export the filtered table: every JOIN operation, as COPY wrote it, and the tables unchanged.
  const before = await auditChecksum();
  const dialog = new ExportDialogPage(page);
  await dialog.open();
  expect(await dialog.exactCount()).toBe(joins);
  await dialog.chooseMode('raw');
  const download = await dialog.exportAndDownload();
  expect(download.suggestedFilename()).toContain('transformation_operation');
  await expect(dialog.progress).toHaveAttribute('data-state', 'done');
  const [header, ...rows] = parse(fs.readFileSync(await download.path(), 'utf8'));
  expect(header).toEqual(['id', 'session_id', 'operation_type', 'operation_order', 'input_tables', 'created_at']);
  expect(rows).toHaveLength(joins);
  expect(rows.every((r) => r[2] === 'JOIN')).toBe(true);
  // Arrays and timestamptz are written the way Postgres prints them.
  expect(rows[0]?.[4]).toMatch(/^\{bronze\.raw_\d\}$/);
  expect(rows[0]?.[5]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00$/);
  await dialog.closeButton.click();
  expect(await auditChecksum()).toBe(before);

  // The banner stays until dismissed, and then for as long as the store is open.
  await page.getByTestId('write-warning-dismiss').click();
  await expect(banner).toHaveCount(0);
  await runs.open();
  await expect(banner).toHaveCount(0);
  await expect(explorer.errorBar).toHaveCount(0);
});

test('a wrong port says nothing is listening, under the form', async ({ page, appUrl }, testInfo) => {
  const start = new StartPage(page);
  const pg = new PostgresPanel(page);
  await start.goto(appUrl);
  await pg.fill({ host: '127.0.0.1', port: '1', database: DB, user: 'postgres' });
  await pg.connectButton.click();
  await expect(pg.error).toHaveText('Nothing is listening at 127.0.0.1:1.');
  await expect(start.root).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('pg-wrong-port.png') });

  // Test connection reports the same sentence, in the same place.
  await pg.test();
  await expect(pg.error).toHaveText('Nothing is listening at 127.0.0.1:1.');
});

test('a connection saved by name is listed and reopens from the list', async ({ page, appUrl }, testInfo) => {
  const start = new StartPage(page);
  const pg = new PostgresPanel(page);
  await start.goto(appUrl);
  await expect(page.getByTestId('saved-empty')).toBeVisible();
  // With a password typed, the server refuses to save (no keychain here) and says why, under the form.
  await pg.fill({ host: '127.0.0.1', port: '5432', database: DB, user: 'postgres', password: 'trust-ignores-it', schemas: 'audit', saveAs: 'local audit' });
  await expect(pg.passwordNote).toBeVisible();
  await pg.connectButton.click();
  await expect(pg.error).toContainText('Passwords are saved only where the operating system keychain can encrypt them');
  await expect(start.root).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('pg-save-refused.png') });

  await pg.fill({ password: '' });
  await pg.connectButton.click();
  await expect(page.getByTestId('explorer')).toBeVisible();
  await page.getByTestId('close-store').click();

  await expect(pg.saved).toHaveCount(1);
  const saved = pg.saved.first();
  await expect(saved).toContainText('local audit');
  await expect(saved).toContainText(`postgres://postgres@127.0.0.1:5432/${DB}`);
  await expect(saved.getByTestId('saved-lock')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('pg-saved.png') });

  // No password is kept: opening asks for one; Escape cancels, an empty answer uses trust auth.
  await saved.getByTestId('saved-open').click();
  await expect(page.getByTestId('saved-password')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('saved-password-prompt')).toHaveCount(0);
  await saved.getByTestId('saved-open').click();
  await page.getByTestId('saved-password').press('Enter');
  await expect(page.getByTestId('explorer')).toBeVisible();
  await expect(page.getByTestId('write-warning')).toContainText('superuser');
  await page.getByTestId('close-store').click();

  await pg.saved.first().getByTestId('saved-remove').click();
  await expect(pg.saved).toHaveCount(0);
});

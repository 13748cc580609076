import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import { sha256 } from '../helpers/files';
import { sqlRows } from './fixtures/demo-sql';
import { expect, test } from './fixtures/server';
import { ConsolePage } from './pages/console-page';
import { ExportDialogPage } from './pages/export-dialog-page';
import { StartPage } from './pages/start-page';

const GROUPED = 'SELECT status, count(*) FROM transformation_session GROUP BY 1';

test('run a GROUP BY in the SQL console with Ctrl+Enter, see the rows SQL returns, and export them as CSV', async ({ page, appUrl, demoPath }, testInfo) => {
  const start = new StartPage(page);
  const sql = new ConsolePage(page);
  const dialog = new ExportDialogPage(page);
  const truth = sqlRows<{ status: string; n: number }>(demoPath, 'SELECT status, count(*) AS n FROM transformation_session GROUP BY 1');
  expect(truth.length).toBeGreaterThan(1);
  const before = sha256(demoPath);

  await start.goto(appUrl);
  await start.openDemo();
  await sql.open();
  await sql.type(GROUPED);
  await sql.runWithKeyboard();
  await sql.waitForRows();

  expect(await sql.headers()).toEqual(['status', 'count(*)']);
  expect(await sql.rows(2)).toEqual(truth.map((r) => [r.status, String(r.n)]));
  expect(await sql.exactRowCount()).toBe(truth.length);
  await expect(sql.elapsed).toHaveText(/^\d+ ms$|^\d+\.\d s$/);
  await page.screenshot({ path: testInfo.outputPath('sql-console.png') });

  await dialog.openFrom(sql.exportButton);
  expect(await dialog.exactCount()).toBe(truth.length);
  expect(await dialog.columnNames()).toEqual(['status', 'count(*)']);
  await dialog.setProvenance(true);
  const download = await dialog.exportAndDownload();
  expect(download.suggestedFilename()).toBe('query.csv');
  const records = parse(fs.readFileSync(await download.path(), 'utf8'));
  expect(records).toEqual([['status', 'count(*)'], ...truth.map((r) => [r.status, String(r.n)])]);
  const provenance = JSON.parse(fs.readFileSync(await (await dialog.downloadProvenance()).path(), 'utf8')) as { sql: string; rowCount: number; view: { kind: string } };
  expect(provenance).toMatchObject({ sql: GROUPED, rowCount: truth.length, view: { kind: 'console' } });
  await dialog.closeButton.click();
  expect(sha256(demoPath)).toBe(before);
});

test('a write statement is refused with a sentence, and the store is unchanged', async ({ page, appUrl, demoPath }, testInfo) => {
  const start = new StartPage(page);
  const sql = new ConsolePage(page);
  const before = sha256(demoPath);
  const [{ n }] = sqlRows<{ n: number }>(demoPath, 'SELECT count(*) AS n FROM transformation_operation') as [{ n: number }];

  await start.goto(appUrl);
  await start.openDemo();
  await sql.open();
  await sql.type('DELETE FROM transformation_operation');
  await sql.runButton.click();
  await expect(sql.error).toHaveText('The SQL console is read-only: SQLite says this statement would change the store, so it was not run and the store was not changed.');
  await expect(sql.grid).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('sql-refused.png') });

  await sql.type('SELECT count(*) AS n FROM transformation_operation');
  await sql.runWithKeyboard();
  await sql.waitForRows();
  await expect(sql.error).toHaveCount(0);
  expect(await sql.rows(1)).toEqual([[String(n)]]);
  expect(sha256(demoPath)).toBe(before);
});

test('table and column names are completed as you type, and a long statement can be cancelled', async ({ page, appUrl }, testInfo) => {
  const start = new StartPage(page);
  const sql = new ConsolePage(page);
  await start.goto(appUrl);
  await start.openDemo();
  await sql.open();

  await sql.editor.click();
  await sql.editor.pressSequentially('SELECT * FROM transformation_ses', { delay: 5 });
  await expect(sql.completions.first()).toContainText('transformation_session');
  await sql.editor.press('Enter');
  await expect(sql.editor).toHaveValue('SELECT * FROM transformation_session');
  await sql.editor.pressSequentially(' WHERE transformation_session.sta', { delay: 5 });
  // The columns of that table starting with "sta" come first, then those containing it (data_start_date).
  await expect(sql.completions.nth(0)).toContainText('status');
  await expect(sql.completions.nth(1)).toContainText('started_at');
  await expect(sql.completions.nth(2)).toContainText('data_start_date');
  await page.screenshot({ path: testInfo.outputPath('sql-completion.png') });
  await sql.editor.press('Tab');
  await expect(sql.editor).toHaveValue('SELECT * FROM transformation_session WHERE transformation_session.status');

  await sql.type('WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c) SELECT count(*) FROM c');
  await sql.runWithKeyboard();
  await expect(sql.cancelButton).toBeVisible();
  await expect(sql.elapsed).toHaveText(/^running/);
  await sql.cancelButton.click();
  await expect(sql.error).toHaveText('The query was cancelled.');
  await expect(sql.runButton).toBeVisible();
});

import Database from 'better-sqlite3';
import { ExplorerPage } from './pages/explorer-page';
import { StartPage } from './pages/start-page';
import { expect, test } from './fixtures/server';

/** Reads one value from the demo file, read-only, as the ground truth for the UI. */
function sqlValue(file: string, sql: string): unknown {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).pluck().get();
  } finally {
    db.close();
  }
}

/** One count from the demo file. */
function sqlCount(file: string, sql: string): number {
  return Number(sqlValue(file, sql));
}

/** One text value from the demo file. */
function sqlText(file: string, sql: string): string {
  return String(sqlValue(file, sql));
}

test('explore the demo store: filter dbt_audit_summary to failed runs and open one', async ({ page, appUrl, demoPath }, testInfo) => {
  const start = new StartPage(page);
  const explorer = new ExplorerPage(page);
  const expectedFailed = sqlCount(demoPath, "SELECT count(*) FROM dbt_audit_summary WHERE status = 'failed'");
  expect(expectedFailed).toBeGreaterThan(0);

  await start.goto(appUrl);
  // The token is taken out of the visible URL at start-up.
  expect(page.url()).not.toContain('token=');

  await start.openDemo();
  await explorer.openTable('dbt_audit_summary');

  await explorer.filterColumnEquals('status', 'failed');
  await expect(explorer.filterChips).toHaveCount(1);
  await expect(explorer.filterChips.first()).toContainText('status');
  expect(await explorer.exactRowCount()).toBe(expectedFailed);
  await expect(explorer.cell(0, 'status')).toHaveText('failed');

  await explorer.openRowDetail(0);
  const invocationId = (await explorer.cell(0, 'invocation_id').textContent()) ?? '';
  expect(invocationId).not.toBe('');
  await expect(explorer.detailValue('invocation_id')).toHaveText(invocationId);
  await expect(explorer.detailValue('status')).toHaveText('failed');

  await expect(explorer.errorBar).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('explore.png') });

  await page.keyboard.press('Escape');
  await expect(explorer.rowDetail).toBeHidden();
});

test('a path that is not a store shows why under the field', async ({ page, appUrl }) => {
  const start = new StartPage(page);
  await start.goto(appUrl);
  await start.openPath('/definitely/not/here.sqlite');
  await expect(start.openError).toBeVisible();
  await expect(start.openError).not.toHaveText('');
});

test('filters, sort and hidden columns are kept per table', async ({ page, appUrl, demoPath }) => {
  const start = new StartPage(page);
  const explorer = new ExplorerPage(page);
  await start.goto(appUrl);
  await start.openDemo();
  await explorer.openTable('dbt_audit_summary');
  await explorer.filterColumnEquals('status', 'failed');
  await explorer.sortBy('model_name');
  await explorer.sortBy('run_started_at', true);
  await explorer.sortBy('run_started_at', true);
  await explorer.hideColumn('run_by_user');
  const filtered = await explorer.rowCountText();
  const firstModel = sqlText(demoPath, "SELECT min(model_name) FROM dbt_audit_summary WHERE status = 'failed'");
  await expect(explorer.cell(0, 'model_name')).toHaveText(firstModel);

  await explorer.openTable('dbt_audit_detail');
  await expect(explorer.filterChips).toHaveCount(0);
  await expect(explorer.columnChooser()).toHaveText(/Columns (\d+)\/\1$/);

  await explorer.openTable('dbt_audit_summary');
  await expect(explorer.filterChips).toHaveCount(1);
  expect(await explorer.rowCountText()).toBe(filtered);
  await expect(explorer.columnChooser()).toHaveText('Columns 8/9');
  await expect(explorer.sortIndicator('model_name')).toHaveAttribute('aria-label', 'sorted ascending');
  await expect(explorer.cell(0, 'model_name')).toHaveText(firstModel);
  await explorer.revealColumn('run_started_at');
  await expect(explorer.sortIndicator('run_started_at')).toHaveAttribute('aria-label', 'sorted descending');
});

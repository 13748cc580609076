import path from 'node:path';
import { ExplorerPage } from './pages/explorer-page';
import { KeyboardPage } from './pages/keyboard-page';
import { RunsPage } from './pages/runs-page';
import { StartPage } from './pages/start-page';
import { sqlRows } from './fixtures/demo-sql';
import { expect, test } from './fixtures/server';

test('? lists every shortcut the buttons hint, the focus lands on the grid, Ctrl+End reaches the last run', async ({ page, appUrl, demoPath }, testInfo) => {
  const start = new StartPage(page);
  const runs = new RunsPage(page);
  const keys = new KeyboardPage(page);
  const [{ n: runCount }] = sqlRows<{ n: number }>(demoPath, 'SELECT count(*) AS n FROM dbt_audit_summary') as [{ n: number }];

  await start.goto(appUrl);
  await start.openDemo();
  await runs.open();
  // The user picks a format from the list: the focus follows to the runs grid, not the page body.
  await page.locator('[data-testid="format-option"][data-format-id="dbt-audit"]').first().click();
  await runs.waitForRows();
  await expect.poll(() => keys.focusArea()).toBe('runs-grid');

  // `?` opens the sheet; every key a hint on screen names is in it.
  await page.keyboard.press('?');
  await expect(keys.sheet).toBeVisible();
  const listed = await keys.sheetKeys();
  await page.screenshot({ path: testInfo.outputPath('shortcut-sheet.png') });
  await page.keyboard.press('Escape');
  await expect(keys.sheet).toBeHidden();
  const hinted = await keys.hintedKeys();
  // The four modes, the export button and the sheet's own button at least.
  expect(hinted.length).toBeGreaterThanOrEqual(6);
  expect(hinted.map((h) => h.keys)).toEqual(expect.arrayContaining(['r', 't', 'Ctrl+E', '?']));
  expect(hinted.filter((h) => !listed.includes(h.keys))).toEqual([]);
  // Closing the sheet gives the focus back to the grid.
  await expect.poll(() => keys.focusArea()).toBe('runs-grid');

  // The sheet's button opens it too.
  await keys.sheetButton.click();
  await expect(keys.sheet).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(keys.sheet).toBeHidden();

  // Ctrl+End: the last of the runs the status bar counts (checked against SQL).
  expect(await runs.exactRunCount()).toBe(runCount);
  await runs.cell(0, 'run_name').click();
  await page.keyboard.press('Control+End');
  await expect.poll(() => keys.focusedRowIndex(), { timeout: 20_000 }).toBe(runCount - 1);
  await page.keyboard.press('Control+Home');
  await expect.poll(() => keys.focusedRowIndex()).toBe(0);

  // Another format from the picker: the focus goes to its grid, not back to the page.
  await runs.chooseFormat('transformation-log');
  await expect.poll(() => keys.focusArea()).toBe('runs-grid');
});

test('Ctrl+O opens a store from inside the explorer, and closing a panel keeps the focus on the grid', async ({ page, appUrl, demoPath }) => {
  const start = new StartPage(page);
  const explorer = new ExplorerPage(page);
  const keys = new KeyboardPage(page);

  await start.goto(appUrl);
  await start.openDemo();
  await explorer.openTable('dbt_audit_summary');
  await explorer.gridRow(0).locator('.ag-cell').first().click();
  await page.keyboard.press('Enter');
  await expect(explorer.rowDetail).toBeVisible();
  await explorer.rowDetail.getByTestId('row-detail-close').click();
  await expect(explorer.rowDetail).toBeHidden();
  await expect.poll(() => keys.focusArea()).toBe('grid');

  // Ctrl+O with a store open: a dialog asks for the path, its field ready for typing.
  await page.keyboard.press('Control+o');
  await expect(keys.openDialog).toBeVisible();
  await expect(keys.openDialogPath).toBeFocused();
  await keys.openDialogPath.fill(demoPath);
  await keys.openDialogPath.press('Enter');
  await expect(keys.openDialog).toBeHidden();
  await expect(page.getByTestId('store-title')).toHaveText(path.basename(demoPath));
  await expect(explorer.root).toBeVisible();
});

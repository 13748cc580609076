import { ExplorerPage } from './pages/explorer-page';
import { LaptopPage } from './pages/laptop-page';
import { RunsPage } from './pages/runs-page';
import { ShellPage } from './pages/shell-page';
import { StartPage } from './pages/start-page';
import { sqlRows } from './fixtures/demo-sql';
import { expect, test } from './fixtures/server';

test.use({ viewport: { width: 1024, height: 700 } });

test('at 1024×700 the runs show name, status, start and duration on screen, and the facets fold and stay folded', async ({ page, appUrl, demoPath }, testInfo) => {
  const start = new StartPage(page);
  const runs = new RunsPage(page);
  const laptop = new LaptopPage(page);
  const shell = new ShellPage(page);

  await runs.openDemoFormat(appUrl, 'dbt-audit');
  await page.screenshot({ path: testInfo.outputPath('runs-1024.png') });

  // The name comes first and the long id last; the columns that tell runs apart are on screen.
  const order = await laptop.columnOrder(runs.grid);
  expect(order.slice(0, 4)).toEqual(['run_name', 'status', 'started_at', 'duration_s']);
  expect(order.at(-1)).toBe('run_id');
  for (const column of ['run_name', 'status', 'started_at', 'duration_s']) {
    expect(await laptop.headerOnScreen(runs.grid, column), `${column} on screen`).toBe(true);
  }
  // The id is still there, as the name's tooltip and in its own column at the end.
  const id = (await runs.cell(0, 'run_id').textContent()) ?? '';
  const [invocationId, modelName] = id.split(' / ') as [string, string];
  expect(sqlRows(demoPath, 'SELECT 1 FROM dbt_audit_summary WHERE invocation_id = ? AND model_name = ?', invocationId, modelName)).toHaveLength(1);
  await expect(runs.cell(0, 'run_name').getByTestId('run-name')).toHaveAttribute('title', `Run ${id}`);
  await expect(runs.cell(0, 'run_name')).toHaveText(modelName);

  // One label per column: the chooser and the chips say what the header says, the stored name beside it.
  await expect(runs.grid.locator('.ag-header-cell[col-id="started_at"] .col-header-name')).toHaveText('Started');
  expect(await laptop.chooserEntry('started_at')).toEqual({ label: 'Started', stored: 'started_at' });
  await runs.toggleFacet('status', 'failed');
  await expect(runs.filterChips.first()).toHaveText(/^Status = failed/);
  await expect(runs.filterChips.first().locator('.chip-text')).toHaveAttribute('title', 'Edit the filters of Status (status)');
  await runs.toggleFacet('status', 'failed');
  await expect(runs.filterChips).toHaveCount(0);

  // Folding the facets gives their width to the grid; the fold is a setting, kept by a new window.
  const before = await laptop.width(runs.grid);
  await laptop.facetsToggle.click();
  await expect(laptop.facets).toHaveAttribute('data-collapsed', 'true');
  await expect.poll(() => laptop.width(runs.grid)).toBeGreaterThan(before + 150);
  expect(await laptop.headerOnScreen(runs.grid, 'ended_at')).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('runs-1024-folded.png') });

  await shell.reopenWindow(appUrl);
  await start.openDemo();
  await runs.open();
  await runs.chooseFormat('dbt-audit');
  await expect(laptop.facets).toHaveAttribute('data-collapsed', 'true');
  await laptop.facetsToggle.click();
  await expect(laptop.facets).toHaveAttribute('data-collapsed', 'false');
  await expect(runs.facet('status')).toBeVisible();
});

test('at 1024×700 the row detail leaves the grid several columns and can be resized', async ({ page, appUrl }, testInfo) => {
  const start = new StartPage(page);
  const explorer = new ExplorerPage(page);
  const laptop = new LaptopPage(page);

  await start.goto(appUrl);
  await start.openDemo();
  await explorer.openTable('dbt_audit_summary');
  await explorer.gridRow(0).locator('.ag-cell').first().click();
  await page.keyboard.press('Enter');
  await expect(laptop.rowDetail).toBeVisible();
  expect(await laptop.columnsFullyVisible(explorer.grid)).toBeGreaterThanOrEqual(3);
  await page.screenshot({ path: testInfo.outputPath('row-detail-1024.png') });

  // It starts at a share of the room, not a fixed 380 px.
  expect(await laptop.width(laptop.rowDetail)).toBeLessThan(300);

  // Dragging its edge to the left widens it; the arrow keys on the edge narrow it again.
  const start0 = await laptop.width(laptop.rowDetail);
  await laptop.dragRowDetailEdge(-120);
  await expect.poll(() => laptop.width(laptop.rowDetail)).toBeGreaterThan(start0 + 100);
  const wide = await laptop.width(laptop.rowDetail);
  await laptop.rowDetailResize.focus();
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => laptop.width(laptop.rowDetail)).toBeLessThan(wide - 50);
  // It never squeezes the grid out: dragged far left, the grid keeps its minimum.
  await laptop.dragRowDetailEdge(-900);
  expect(await laptop.width(explorer.grid)).toBeGreaterThanOrEqual(255);
});

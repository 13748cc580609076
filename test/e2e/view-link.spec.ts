import { ExplorerPage } from './pages/explorer-page';
import { ExportDialogPage } from './pages/export-dialog-page';
import { LineagePage } from './pages/lineage-page';
import { RunsPage } from './pages/runs-page';
import { StartPage } from './pages/start-page';
import { TimelinePage } from './pages/timeline-page';
import { ViewLinkPage } from './pages/view-link-page';
import { sqlRows } from './fixtures/demo-sql';
import { expect, test } from './fixtures/server';

const FAILED = "lower(status) IN ('error','failed','fail')";
const FIRST_ROWS = 6;
const LINEAGE_TITLE = 'Transformation logging (sessions, operations, lineage)';

test('a view is a URL: reload lands on the same view, and the address opens it in a second tab', async ({ page, appUrl, demoPath }, testInfo) => {
  const runs = new RunsPage(page);
  const link = new ViewLinkPage(page);
  const [{ n: failedRuns }] = sqlRows<{ n: number }>(demoPath, `SELECT count(*) AS n FROM dbt_audit_summary WHERE ${FAILED}`) as [{ n: number }];
  expect(failedRuns).toBeGreaterThan(FIRST_ROWS);

  // The user opens the demo, picks dbt runs, keeps the failed ones, sorts by duration and selects a run.
  await runs.openDemoFormat(appUrl, 'dbt-audit');
  await runs.showOnlyStatus('failed');
  await runs.sortBy('duration_s');
  await runs.sortBy('duration_s');
  await runs.waitForRows();
  expect(await runs.exactRunCount()).toBe(failedRuns);
  const firstIds = async (p: RunsPage): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < FIRST_ROWS; i++) {
      ids.push((await p.cell(i, 'run_id').textContent()) ?? '');
    }
    return ids;
  };
  const before = await firstIds(runs);
  await runs.selectRun(2);
  const selectedId = await runs.runDetail.getAttribute('data-run-id');
  expect(selectedId).toBe(before[2]);

  // The address says all of it, and never the token.
  await expect.poll(() => link.params().get('_run_id')).toBe(JSON.stringify(selectedId));
  const params = link.params();
  expect(params.get('_path')).toBe(demoPath);
  expect(params.get('_mode')).toBe('runs');
  expect(params.getAll('_sort')).toEqual(['-duration_s']);
  expect([...params.keys()].some((k) => k.startsWith('status__'))).toBe(true);
  const token = new URL(appUrl).hash.slice('#token='.length);
  expect(page.url()).not.toContain(token);

  // F5: the session holds (no "unauthorized" bar, no start screen) and the same view comes back.
  await link.reload();
  await expect(runs.view).toHaveAttribute('data-format', 'dbt-audit');
  await runs.waitForRows();
  await expect(runs.filterChips).toHaveCount(1);
  expect(await runs.exactRunCount()).toBe(failedRuns);
  expect(await firstIds(runs)).toEqual(before);
  await expect(runs.runDetail).toHaveAttribute('data-run-id', selectedId ?? '');
  // The link names the run by key and id; its whole row comes back for the heading.
  await expect(link.headingStatus(runs.runDetail)).toHaveAttribute('data-status', 'failed');
  await expect(link.errorBar).toHaveCount(0);
  await expect(link.startScreen).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('reloaded.png') });

  // After the reload the page has no token, only the session cookie: an export still downloads,
  // through a one-time link that carries no token and does not work a second time.
  const dialog = new ExportDialogPage(page);
  await dialog.open();
  const download = await dialog.exportAndDownload();
  expect(download.url()).toMatch(/\/download\/once\/[\w-]+$/);
  expect(download.url()).not.toContain(token);
  expect((await page.request.get(download.url())).status()).toBe(410);
  await dialog.dismiss();

  // The same address pasted into a second tab shows the same rows.
  const tab = await link.openInNewTab();
  const tabRuns = new RunsPage(tab);
  await expect(tabRuns.view).toHaveAttribute('data-format', 'dbt-audit');
  await tabRuns.waitForRows();
  expect(await tabRuns.exactRunCount()).toBe(failedRuns);
  expect(await firstIds(tabRuns)).toEqual(before);
  await expect(tabRuns.runDetail).toHaveAttribute('data-run-id', selectedId ?? '');
  await expect(new ViewLinkPage(tab).errorBar).toHaveCount(0);
  await tab.screenshot({ path: testInfo.outputPath('second-tab.png') });
  await tab.close();
});

test('the timeline window and the lineage root and depth come back after a reload', async ({ page, appUrl, demoPath }, testInfo) => {
  const start = new StartPage(page);
  const timeline = new TimelinePage(page);
  const lineage = new LineagePage(page);
  const link = new ViewLinkPage(page);

  // Timeline: brush a window, reload, the same window (and its chip) is there.
  await start.goto(appUrl);
  await start.openDemo();
  await timeline.open();
  await timeline.chooseFormat('dbt-audit');
  await timeline.brush(0.4, 0.5);
  await timeline.waitForDrawn();
  const from = await timeline.view.getAttribute('data-window-from');
  const to = await timeline.view.getAttribute('data-window-to');
  expect(from).not.toBe('');
  await expect.poll(() => link.params().get('_from')).toBe(from);
  await link.reload();
  await expect(timeline.view).toHaveAttribute('data-window-from', from ?? '');
  await expect(timeline.view).toHaveAttribute('data-window-to', to ?? '');
  await expect(timeline.chips).toHaveCount(1);
  await expect(link.errorBar).toHaveCount(0);

  // Lineage: focus a table, two hops both ways, reload: the same graph.
  const [{ node } = { node: '' }] = sqlRows<{ node: string }>(demoPath, `SELECT CASE WHEN coalesce(target_schema, '') = '' THEN target_name
    ELSE target_schema || '.' || target_name END AS node FROM lineage_edge WHERE target_name LIKE 'gold%' OR target_schema = 'gold' ORDER BY 1 LIMIT 1`);
  expect(node).not.toBe('');
  await lineage.open(LINEAGE_TITLE);
  await lineage.focusOn(node);
  await lineage.depth.selectOption('2');
  await lineage.settled();
  const nodes = await lineage.nodeIds();
  expect(nodes).toContain(node);
  await expect.poll(() => link.params().get('_depth')).toBe('2');
  expect(link.params().get('_root')).toBe(node);
  await link.reload();
  await expect(lineage.node(node)).toBeVisible();
  await lineage.settled();
  await expect(lineage.depth).toHaveValue('2');
  expect(await lineage.nodeIds()).toEqual(nodes);
  await expect(link.errorBar).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('lineage-reloaded.png') });
});

test('a table with its filter, sort and hidden column comes back after a reload', async ({ page, appUrl, demoPath }) => {
  const start = new StartPage(page);
  const explorer = new ExplorerPage(page);
  const link = new ViewLinkPage(page);
  const [{ n: failed }] = sqlRows<{ n: number }>(demoPath, "SELECT count(*) AS n FROM dbt_audit_summary WHERE status = 'failed'") as [{ n: number }];
  const [{ m: firstModel }] = sqlRows<{ m: string }>(demoPath, "SELECT min(model_name) AS m FROM dbt_audit_summary WHERE status = 'failed'") as [{ m: string }];

  await start.goto(appUrl);
  await start.openDemo();
  await explorer.openTable('dbt_audit_summary');
  await explorer.filterColumnEquals('status', 'failed');
  await explorer.sortBy('model_name');
  await explorer.hideColumn('run_by_user');
  expect(await explorer.exactRowCount()).toBe(failed);
  await expect.poll(() => link.params().getAll('_nocol')).toEqual(['run_by_user']);
  expect(link.params().get('_mode')).toBe('tables');

  await link.reload();
  await expect(explorer.filterChips).toHaveCount(1);
  expect(await explorer.exactRowCount()).toBe(failed);
  await expect(explorer.columnChooser()).toHaveText('Columns 8/9');
  await expect(explorer.sortIndicator('model_name')).toHaveAttribute('aria-label', 'sorted ascending');
  await expect(explorer.cell(0, 'model_name')).toHaveText(firstModel);
  await expect(link.errorBar).toHaveCount(0);
});

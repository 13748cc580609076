import Database from 'better-sqlite3';
import { LineagePage } from './pages/lineage-page';
import { MappingPage } from './pages/mapping-page';
import { RunsPage } from './pages/runs-page';
import { StartPage } from './pages/start-page';
import { TimelinePage } from './pages/timeline-page';
import { sqlRows } from './fixtures/demo-sql';
import { expect, test } from './fixtures/server';

/** A schema no profile knows: job runs, and a table of which table feeds which (one retired edge). */
function createStore(file: string): void {
  const db = new Database(file);
  db.exec(`CREATE TABLE job_runs (run_uuid TEXT PRIMARY KEY, job TEXT, began TEXT, state TEXT);
    CREATE TABLE table_deps (upstream_table TEXT, downstream_table TEXT, dep_kind TEXT, created_at TEXT, invalidated_at TEXT, run_uuid TEXT);
    INSERT INTO job_runs VALUES ('u1', 'nightly', '2026-01-01 01:00:00', 'ok'), ('u2', 'nightly', '2026-03-01 01:00:00', 'failed');
    INSERT INTO table_deps VALUES
      ('raw.orders', 'stg.orders', 'COPIES', '2026-01-01 01:00:00', NULL, 'u1'),
      ('stg.orders', 'mart.revenue', 'AGGREGATES', '2026-01-01 01:00:00', NULL, 'u1'),
      ('stg.customers', 'mart.revenue', 'JOINS', '2026-01-01 01:00:00', '2026-03-01 01:00:00', 'u1'),
      ('stg.refunds', 'mart.revenue', 'JOINS', '2026-03-01 01:00:00', NULL, 'u2'),
      ('mart.revenue', 'mart.revenue_daily', 'AGGREGATES', '2026-01-01 01:00:00', NULL, 'u1'),
      ('raw.fx_rates', 'stg.fx_rates', 'COPIES', '2026-03-01 01:00:00', NULL, 'u2');`);
  db.close();
}

test('map a table of edges in the mapping form, then walk it in the Lineage mode', async ({ page, appUrl }, testInfo) => {
  const file = testInfo.outputPath('deps.sqlite');
  createStore(file);
  const start = new StartPage(page);
  const runs = new RunsPage(page);
  const mapping = new MappingPage(page);
  const lineage = new LineagePage(page);

  await start.goto(appUrl);
  await start.openPath(file);
  await runs.open();
  await mapping.openFromEmptyState();
  // The edge table is found by its column names, and every role is filled in.
  await expect(mapping.withLineage).toBeChecked();
  await expect(mapping.edgesTable).toHaveValue('table_deps');
  await expect(mapping.edgeRole('source')).toHaveValue('upstream_table');
  await expect(mapping.edgeRole('target')).toHaveValue('downstream_table');
  await expect(mapping.edgeRole('relationship')).toHaveValue('dep_kind');
  await expect(mapping.edgeRole('validFrom')).toHaveValue('created_at');
  await expect(mapping.edgeRole('validTo')).toHaveValue('invalidated_at');
  await expect(mapping.edgeRole('recordedBy')).toHaveValue('run_uuid');
  await mapping.title.fill('Table deps');
  await page.screenshot({ path: testInfo.outputPath('mapping-lineage-card.png'), fullPage: true });
  await mapping.save.click();
  await expect(runs.view).toHaveAttribute('data-format', 'mapped');

  // The Lineage mode walks the mapped table: one hop each way from mart.revenue, as the table says today.
  await lineage.open('Table deps');
  await lineage.focusOn('mart.revenue');
  const now = sqlRows<{ n: string }>(file, `SELECT upstream_table AS n FROM table_deps WHERE downstream_table = 'mart.revenue' AND invalidated_at IS NULL
    UNION SELECT downstream_table FROM table_deps WHERE upstream_table = 'mart.revenue' UNION SELECT 'mart.revenue'`).map((r) => r.n).sort();
  expect(await lineage.nodeIds()).toEqual(now);
  await page.screenshot({ path: testInfo.outputPath('lineage-mapped.png') });

  // As of a time before the JOINS edge was retired, stg.customers comes back.
  await lineage.setAsOf('2026-02-01T00:00:00Z');
  await expect(lineage.node('stg.customers')).toBeVisible();
  await expect(lineage.node('stg.refunds')).toHaveCount(0);
});

test('from a node to the runs that wrote it and back: the runs view filtered, a run\'s lineage, its runs on the timeline by keyboard', async ({ page, appUrl }, testInfo) => {
  const file = testInfo.outputPath('deps.sqlite');
  createStore(file);
  const start = new StartPage(page);
  const runs = new RunsPage(page);
  const mapping = new MappingPage(page);
  const lineage = new LineagePage(page);
  const timeline = new TimelinePage(page);
  await start.goto(appUrl);
  await start.openPath(file);
  await runs.open();
  await mapping.openFromEmptyState();
  await mapping.title.fill('Table deps');
  await mapping.save.click();
  await expect(runs.view).toHaveAttribute('data-format', 'mapped');

  await lineage.open('Table deps');
  await lineage.focusOn('mart.revenue');
  const wrote = sqlRows<{ r: string }>(file, "SELECT DISTINCT run_uuid AS r FROM table_deps WHERE downstream_table = 'mart.revenue' AND invalidated_at IS NULL ORDER BY r").map((x) => x.r);
  expect(wrote).toEqual(['u1', 'u2']);
  await lineage.openMenu('mart.revenue');
  await expect(lineage.menuItem('runs-wrote')).toHaveText(`Runs that wrote this (${wrote.length})`);
  await page.screenshot({ path: testInfo.outputPath('lineage-node-menu.png') });
  await lineage.menuItem('runs-wrote').click();

  // The runs view, filtered to those runs by run_id.
  await expect(runs.view).toBeVisible();
  await expect(runs.filterChips).toHaveCount(1);
  expect(await runs.exactRunCount()).toBe(wrote.length);
  await page.screenshot({ path: testInfo.outputPath('runs-that-wrote.png') });
  // Newest first: u2 started last. Its lineage is what it recorded, its unjoined fx output too.
  await runs.selectRun(0);
  await expect(runs.runDetail).toHaveAttribute('data-run-id', 'u2');
  await runs.showLineage.click();
  await expect(lineage.root).toBeVisible();
  await expect(lineage.run).toHaveValue('u2');
  await expect(lineage.search).toHaveValue('mart.revenue');
  const touched = sqlRows<{ n: string }>(file, "SELECT upstream_table AS n FROM table_deps WHERE run_uuid = 'u2' UNION SELECT downstream_table FROM table_deps WHERE run_uuid = 'u2' ORDER BY n").map((x) => x.n);
  await expect.poll(() => lineage.nodeIds()).toEqual(touched);
  await page.screenshot({ path: testInfo.outputPath('lineage-of-run.png') });

  // By keyboard: the graph, Shift+F10 on the root, down to "Its runs on the timeline", Enter.
  await lineage.area.focus();
  await page.keyboard.press('Shift+F10');
  await expect(lineage.menu).toHaveAttribute('data-node', 'mart.revenue');
  await expect(lineage.menuItem('focus')).toBeFocused();
  while (!(await lineage.menuItem('runs-timeline').evaluate((el) => el === document.activeElement))) {
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await expect(timeline.root).toBeVisible();
  await expect(timeline.chips).toHaveCount(1);
  await expect(timeline.lanes.first()).toBeVisible();
});

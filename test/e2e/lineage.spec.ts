import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { ExportDialogPage } from './pages/export-dialog-page';
import { LineagePage } from './pages/lineage-page';
import { StartPage } from './pages/start-page';
import { sqlRows } from './fixtures/demo-sql';
import { expect, test } from './fixtures/server';

const TITLE = 'Transformation logging (sessions, operations, lineage)';
const id = (schema: string, name: string): string => `CASE WHEN coalesce(${schema}, '') = '' THEN ${name} ELSE ${schema} || '.' || ${name} END`;
/** Table-level edges of lineage_edge that hold now (not invalidated), as the demo store writes them. */
const EDGES = `SELECT DISTINCT ${id('source_schema', 'source_name')} AS s, ${id('target_schema', 'target_name')} AS t FROM lineage_edge
  WHERE invalidated_at IS NULL OR julianday(invalidated_at) > julianday('now')`;

/** Every node within `hops` upstream of `node` (itself included): the hand-written WITH RECURSIVE. */
function upstreamTruth(demo: string, node: string, hops: number): Set<string> {
  const rows = sqlRows<{ n: string }>(demo, `WITH RECURSIVE e AS (${EDGES}),
    up(n, d) AS (SELECT ?, 0 UNION SELECT e.s, up.d + 1 FROM e JOIN up ON e.t = up.n WHERE up.d < ?)
    SELECT DISTINCT n FROM up`, node, hops);
  return new Set(rows.map((r) => r.n));
}

function parentsOf(demo: string, nodes: readonly string[]): string[] {
  if (nodes.length === 0) {
    return [];
  }
  return sqlRows<{ s: string }>(demo, `WITH e AS (${EDGES}) SELECT DISTINCT s FROM e WHERE t IN (${nodes.map(() => '?').join(',')})`, ...nodes).map((r) => r.s);
}

test('lineage of a gold table in the demo store: search, expand upstream twice, columns, as of, export', async ({ page, appUrl, demoPath }, testInfo) => {
  const start = new StartPage(page);
  const lineage = new LineagePage(page);
  // The gold table with the most upstream edges.
  const [{ gold } = { gold: '' }] = sqlRows<{ gold: string }>(demoPath, `WITH e AS (${EDGES}) SELECT t AS gold FROM e WHERE t LIKE 'gold.%' GROUP BY t ORDER BY count(*) DESC, t LIMIT 1`);
  expect(gold).not.toBe('');

  await start.goto(appUrl);
  await start.openDemo();
  await lineage.open(TITLE);
  await lineage.focusOn(gold);
  // The focused neighbourhood: the root, one hop up and one hop down.
  const down = sqlRows<{ t: string }>(demoPath, `WITH e AS (${EDGES}) SELECT DISTINCT t FROM e WHERE s = ?`, gold).map((r) => r.t);
  const hop1 = new Set([...upstreamTruth(demoPath, gold, 1), ...down]);
  expect(await lineage.nodeIds()).toEqual([...hop1].sort());
  await expect(lineage.count).toContainText(`${hop1.size} node`);
  await page.screenshot({ path: testInfo.outputPath('lineage-neighbourhood.png') });

  // Expand upstream twice: every node one hop up, then every node two hops up.
  let frontier = parentsOf(demoPath, [gold]).filter((n) => n !== gold);
  for (let round = 0; round < 2; round++) {
    for (const n of frontier) {
      await lineage.expand(n, 'upstream');
    }
    frontier = parentsOf(demoPath, frontier);
  }
  const expected = new Set([...upstreamTruth(demoPath, gold, 3), ...down]);
  expect(await lineage.nodeIds()).toEqual([...expected].sort());
  await page.screenshot({ path: testInfo.outputPath('lineage-expanded.png') });

  // Keyboard: the arrows move the selection and the selected node is announced.
  await lineage.area.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(lineage.announce).not.toBeEmpty();

  // Columns: tables show their column rows, with column edges between them.
  await lineage.columns.check();
  await lineage.settled();
  await expect(lineage.columnRows.first()).toBeVisible();
  expect(await lineage.columnEdges.count()).toBeGreaterThan(0);
  await page.screenshot({ path: testInfo.outputPath('lineage-columns.png') });
  await lineage.columns.uncheck();
  await lineage.settled();

  // Export the edges on screen as CSV.
  const dialog = new ExportDialogPage(page);
  await dialog.openFrom(lineage.exportCsv);
  const downloaded = page.waitForEvent('download');
  await dialog.startButton.click();
  const csv: Record<string, string>[] = parse(fs.readFileSync(await (await downloaded).path(), 'utf8'), { columns: true });
  expect(csv.length).toBeGreaterThan(0);
  expect(Object.keys(csv[0] ?? {}).slice(0, 2)).toEqual(['source', 'target']);
});

test('as of a time before an edge was invalidated, the edge comes back', async ({ page, appUrl, demoPath }) => {
  const start = new StartPage(page);
  const lineage = new LineagePage(page);
  // An invalidated table edge with no current edge between the same two tables.
  const [gone] = sqlRows<{ s: string; t: string; created: string; invalidated: string }>(demoPath, `
    SELECT ${id('source_schema', 'source_name')} AS s, ${id('target_schema', 'target_name')} AS t, created_at AS created, invalidated_at AS invalidated
    FROM lineage_edge WHERE invalidated_at IS NOT NULL AND julianday(invalidated_at) < julianday('now') AND created_at IS NOT NULL
      AND (${id('source_schema', 'source_name')}, ${id('target_schema', 'target_name')}) NOT IN (SELECT s, t FROM (${EDGES}))
    ORDER BY s, t LIMIT 1`);
  expect(gone).toBeDefined();
  if (gone === undefined) {
    return;
  }
  const between = new Date((Date.parse(gone.created.replace(' ', 'T')) + Date.parse(gone.invalidated.replace(' ', 'T'))) / 2).toISOString();

  await start.goto(appUrl);
  await start.openDemo();
  await lineage.open(TITLE);
  await lineage.focusOn(gone.t);
  await expect(lineage.edge(gone.s, gone.t)).toHaveCount(0);
  await lineage.setAsOf(between);
  await expect(lineage.edge(gone.s, gone.t)).toHaveCount(1);
  // Its detail says when it stopped holding.
  await lineage.edge(gone.s, gone.t).click({ force: true });
  await expect(lineage.edgePanel).toBeVisible();
  await expect(lineage.edgePanel.getByTestId('lineage-valid-to').first()).not.toHaveText('still holds');
  await lineage.setAsOf(null);
  await expect(lineage.edge(gone.s, gone.t)).toHaveCount(0);
});

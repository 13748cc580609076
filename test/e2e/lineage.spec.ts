import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { ExportDialogPage } from './pages/export-dialog-page';
import { LineagePage } from './pages/lineage-page';
import { RunsPage } from './pages/runs-page';
import { StartPage } from './pages/start-page';
import { sqlRows } from './fixtures/demo-sql';
import { expect, test } from './fixtures/server';

const TITLE = 'Transformation logging (sessions, operations, lineage)';
const id = (schema: string, name: string): string => `CASE WHEN coalesce(${schema}, '') = '' THEN ${name} ELSE ${schema} || '.' || ${name} END`;
/**
 * Table-level edges that hold now, as the demo store writes them: lineage_edge rows not invalidated,
 * each operation's input tables to its output table, and each artifact's source tables to it.
 */
const EDGES = `SELECT DISTINCT s, t FROM (
  SELECT ${id('source_schema', 'source_name')} AS s, ${id('target_schema', 'target_name')} AS t FROM lineage_edge
    WHERE invalidated_at IS NULL OR julianday(invalidated_at) > julianday('now')
  UNION SELECT j.value, o.output_table FROM transformation_operation AS o, json_each(o.input_tables) AS j WHERE o.output_table IS NOT NULL
  UNION SELECT j.value, a.artifact_name FROM output_artifact AS a, json_each(a.source_tables) AS j WHERE a.artifact_name IS NOT NULL)`;

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

test('lineage of a gold table in the demo store: search, expand upstream twice, keyboard, columns', async ({ page, appUrl, demoPath }, testInfo) => {
  const start = new StartPage(page);
  const lineage = new LineagePage(page);
  // The gold table with the most upstream edges among those with column lineage.
  const [{ gold } = { gold: '' }] = sqlRows<{ gold: string }>(demoPath, `WITH e AS (${EDGES}) SELECT t AS gold FROM e WHERE t LIKE 'gold.%'
    AND t IN (SELECT ${id('target_schema', 'target_name')} FROM lineage_edge WHERE target_column IS NOT NULL) GROUP BY t ORDER BY count(*) DESC, t LIMIT 1`);
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

});

test('as of a time before an edge was invalidated, the edge comes back', async ({ page, appUrl, demoPath }) => {
  const start = new StartPage(page);
  const lineage = new LineagePage(page);
  // A table edge of lineage_edge retired before now.
  const [gone] = sqlRows<{ s: string; t: string; rel: string; created: string; invalidated: string }>(demoPath, `
    SELECT ${id('source_schema', 'source_name')} AS s, ${id('target_schema', 'target_name')} AS t, relationship_type AS rel,
      created_at AS created, invalidated_at AS invalidated
    FROM lineage_edge WHERE source_column IS NULL AND invalidated_at IS NOT NULL AND julianday(invalidated_at) < julianday('now') AND created_at IS NOT NULL
    ORDER BY s, t LIMIT 1`);
  expect(gone).toBeDefined();
  if (gone === undefined) {
    return;
  }
  const between = new Date((Date.parse(gone.created.replace(' ', 'T')) + Date.parse(gone.invalidated.replace(' ', 'T'))) / 2).toISOString();
  // Other records (operations) may still join the two tables now: then the link stays, without this record.
  const [{ twins } = { twins: 0 }] = sqlRows<{ twins: number }>(demoPath, `WITH e AS (${EDGES}) SELECT count(*) AS twins FROM e WHERE s = ? AND t = ?`, gone.s, gone.t);
  const retired = lineage.edgePanel.locator(`[data-testid="lineage-edge-record"][data-relationship="${gone.rel}"]`);

  await start.goto(appUrl);
  await start.openDemo();
  await lineage.open(TITLE);
  await lineage.focusOn(gone.t);
  await expect(lineage.edge(gone.s, gone.t)).toHaveCount(twins > 0 ? 1 : 0);
  await lineage.setAsOf(between);
  await expect(lineage.edge(gone.s, gone.t)).toHaveCount(1);
  // Its detail lists the retired record's relationship (records are merged per pair, so no valid-to is checked).
  await lineage.edge(gone.s, gone.t).click({ force: true });
  await expect(lineage.edgePanel).toBeVisible();
  await expect(retired).toHaveCount(1);
  // Back to now: the record is gone (and the link with it, unless something else joins the tables).
  await lineage.setAsOf(null);
  await expect(retired).toHaveCount(0);
  await expect(lineage.edge(gone.s, gone.t)).toHaveCount(twins > 0 ? 1 : 0);
});

test('export the edges on screen as CSV', async ({ page, appUrl, demoPath }) => {
  const start = new StartPage(page);
  const lineage = new LineagePage(page);
  const [{ gold } = { gold: '' }] = sqlRows<{ gold: string }>(demoPath, `WITH e AS (${EDGES}) SELECT t AS gold FROM e WHERE t LIKE 'gold.%' GROUP BY t ORDER BY count(*) DESC, t LIMIT 1`);
  await start.goto(appUrl);
  await start.openDemo();
  await lineage.open(TITLE);
  await lineage.focusOn(gold);
  // Export the edges on screen as CSV.
  const dialog = new ExportDialogPage(page);
  await dialog.openFrom(lineage.exportCsv);
  const downloaded = page.waitForEvent('download');
  await dialog.startButton.click();
  const csv: Record<string, string>[] = parse(fs.readFileSync(await (await downloaded).path(), 'utf8'), { columns: true });
  expect(csv.length).toBeGreaterThan(0);
  expect(Object.keys(csv[0] ?? {}).slice(0, 2)).toEqual(['source', 'target']);
  // The neighbourhood on screen (one hop up and down) from SQL: every edge written lies inside it,
  // and every edge that touches the gold table is written.
  const edges = sqlRows<{ s: string; t: string }>(demoPath, `WITH e AS (${EDGES}) SELECT s, t FROM e WHERE s <> t`);
  const touching = edges.filter((e) => e.s === gold || e.t === gold);
  const near = new Set([gold, ...touching.flatMap((e) => [e.s, e.t])]);
  const written = new Set(csv.map((r) => `${r['source']}→${r['target']}`));
  expect(csv.every((r) => near.has(r['source'] ?? '') && near.has(r['target'] ?? ''))).toBe(true);
  expect(touching.filter((e) => !written.has(`${e.s}→${e.t}`))).toEqual([]);
});

test('a link names every session that recorded it, and opens them in the runs view', async ({ page, appUrl, demoPath }, testInfo) => {
  const start = new StartPage(page);
  const lineage = new LineagePage(page);
  const runs = new RunsPage(page);
  // A table pair that holds now, recorded by at least two sessions the store still has: through
  // lineage_edge rows (its column rows too, drawn on their tables' link) and operations' input →
  // output tables (SQL is the ground truth).
  const RECORDS = `SELECT ${id('source_schema', 'source_name')} AS s, ${id('target_schema', 'target_name')} AS t, session_id AS run FROM lineage_edge
      WHERE (invalidated_at IS NULL OR julianday(invalidated_at) > julianday('now'))
    UNION SELECT j.value, o.output_table, o.session_id FROM transformation_operation AS o, json_each(o.input_tables) AS j WHERE o.output_table IS NOT NULL`;
  const [pair] = sqlRows<{ s: string; t: string }>(demoPath, `SELECT s, t FROM (${RECORDS}) WHERE run IN (SELECT id FROM transformation_session)
    GROUP BY s, t HAVING count(DISTINCT run) >= 2 ORDER BY count(DISTINCT run) DESC, s, t LIMIT 1`);
  expect(pair).toBeDefined();
  if (pair === undefined) {
    return;
  }
  const recorders = sqlRows<{ run: string }>(demoPath, `SELECT DISTINCT run FROM (${RECORDS}) WHERE s = ? AND t = ? AND run IS NOT NULL ORDER BY run`, pair.s, pair.t).map((r) => r.run);

  await start.goto(appUrl);
  await start.openDemo();
  await lineage.open(TITLE);
  await lineage.focusOn(pair.t);
  await lineage.openEdge(pair.s, pair.t);
  expect(await lineage.edgeRecorders()).toEqual(recorders);
  await expect(lineage.edgeRuns).toHaveText(`Open the ${recorders.length} runs that recorded it`);
  await page.screenshot({ path: testInfo.outputPath('edge-recorders.png') });

  // The user opens them: the runs view shows exactly those sessions.
  await lineage.edgeRuns.click();
  await expect(runs.root).toBeVisible();
  const known = recorders.filter((r) => sqlRows<{ n: number }>(demoPath, 'SELECT count(*) AS n FROM transformation_session WHERE id = ?', r)[0]?.n === 1);
  expect(await runs.exactRunCount()).toBe(known.length);
});

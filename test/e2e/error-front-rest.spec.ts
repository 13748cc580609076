import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DB_ERROR, expectedMessages, payments, writeDbtBuildLog } from '../helpers/dbt-build-log';
import { RunSearchPanel } from './pages/run-search-panel';
import { RunsPage } from './pages/runs-page';
import { StartPage } from './pages/start-page';
import { sqlRows } from './fixtures/demo-sql';
import { expect, test } from './fixtures/server';

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

test("a failed dbt build's steps say why each node failed, found again in the run's own tab by a search", async ({ page, appUrl }, testInfo) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-e2e-dbt-log-'));
  const file = path.join(dir, 'dbt-build.log');
  writeDbtBuildLog(file);
  const expected = [...expectedMessages(file).values()].map(oneLine);
  const start = new StartPage(page);
  const runs = new RunsPage(page);
  const search = new RunSearchPanel(page);
  try {
    await start.goto(appUrl);
    await start.openPath(file);
    await runs.open();
    await runs.chooseFormat('dbt-log');
    await runs.selectRun(0);

    // The steps pane's Message column holds each node's real message, as the file has it.
    expect((await runs.stepTexts('message')).map(oneLine)).toEqual(expected);
    expect(expected).toContain('Got 78 results, configured to fail if != 0');
    await expect(runs.firstFailureStep).toHaveText(`First failure: ${payments.id}`);
    await expect(runs.firstFailureMessage).toHaveText(oneLine(DB_ERROR));
    await page.screenshot({ path: testInfo.outputPath('dbt-log-node-errors.png') });

    // A search for the error text marks the failing tests in the run's own tab too.
    await search.search('configured to fail');
    await runs.selectRun(0);
    await runs.openSelectedInTab();
    await expect(search.markedStepsInTab()).toHaveCount(2);
    await page.screenshot({ path: testInfo.outputPath('dbt-log-search-in-tab.png') });
    await expect(runs.errorBar).toHaveCount(0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("an operation's logic and row counts are in its steps by default, its warnings as the message", async ({ page, appUrl, demoPath }, testInfo) => {
  const start = new StartPage(page);
  const runs = new RunsPage(page);
  // A session whose first operation warned, newest first as the runs grid lists sessions.
  const [session] = sqlRows<{ id: string; logic: string | null; rows: number | null; warnings: string }>(demoPath, `
    SELECT s.id, o.transformation_logic AS logic, o.input_row_count AS rows, o.warnings FROM transformation_session s
    JOIN transformation_operation o ON o.session_id = s.id
    WHERE o.operation_order = (SELECT min(operation_order) FROM transformation_operation WHERE session_id = s.id)
      AND o.warnings IS NOT NULL AND o.warnings <> ''
    ORDER BY s.started_at DESC LIMIT 1`);
  expect(session).toBeDefined();
  await start.goto(appUrl);
  await start.openDemo();
  await runs.open();
  await runs.chooseFormat('transformation-log');
  const search = new RunSearchPanel(page);
  // The runs search reads an operation's warnings: the session is found by its first operation's.
  await search.search(session?.warnings ?? '?');
  await expect.poll(() => search.shownRunIds()).toContain(session?.id ?? '?');
  const row = (await search.shownRunIds()).indexOf(session?.id ?? '?');
  await runs.selectRun(row);

  const shown = ['transformation_logic', 'input_row_count', 'output_row_count'].map((c) => `transformation_operation.${c}`);
  const ids = await runs.stepColumnIds();
  expect(shown.every((c) => ids.includes(c))).toBe(true);
  await expect(runs.stepCell(0, 'message')).toHaveText(session?.warnings ?? '?');
  await expect(runs.stepCell(0, 'transformation_operation.transformation_logic')).toHaveText(session?.logic ?? 'NULL');
  const rowsText = (await runs.stepCell(0, 'transformation_operation.input_row_count').textContent()) ?? '';
  expect(rowsText.replace(/\D/g, '')).toBe(session?.rows === null || session?.rows === undefined ? '' : String(session.rows));
  await page.screenshot({ path: testInfo.outputPath('operation-steps.png') });
});

test('the compare view shows both sides\' step messages', async ({ page, appUrl, demoPath }, testInfo) => {
  const runs = new RunsPage(page);
  await runs.openDemoFormat(appUrl, 'dbt-audit');
  await runs.showOnlyStatus('failed');
  const runA = (await runs.cell(0, 'run_id').textContent()) ?? '';
  const [invocationId, modelName] = runA.split(' / ') as [string, string];
  await runs.selectRun(0);
  await runs.openSelectedInTab();
  const panel = await runs.compareWith(0);

  await expect(runs.compareHeaders(panel)).toContainText(['Message A', 'Message B']);
  const steps = panel.getByTestId('compare-step');
  const n = await steps.count();
  expect(n).toBeGreaterThan(0);
  // Run A's steps, as SQL has them (the first step of each name), against the Message A column.
  for (let i = 0; i < n; i += 1) {
    const name = (await steps.nth(i).locator('.cmp-step').textContent()) ?? '';
    const [row] = sqlRows<{ message: string | null }>(demoPath, `SELECT message FROM dbt_audit_detail WHERE invocation_id = ? AND model_name = ? AND step_name = ?
      ORDER BY step_sequence_num IS NULL, step_sequence_num, event_timestamp LIMIT 1`, invocationId, modelName, name);
    await expect(runs.compareMessage(panel, i, 'a')).toHaveText(row ? (row.message ?? '') : '—');
  }
  await page.screenshot({ path: testInfo.outputPath('compare-messages.png') });
});

test("a step's invocation id is a link to the runs of that invocation", async ({ page, appUrl, demoPath }, testInfo) => {
  const runs = new RunsPage(page);
  await runs.openDemoFormat(appUrl, 'dbt-audit');
  await runs.selectRun(0);
  await runs.showStepColumn('dbt_audit_detail.invocation_id');
  const link = runs.stepRunLink(0, 'dbt_audit_detail.invocation_id');
  const invocation = (await link.textContent()) ?? '';
  const expected = sqlRows<{ n: number }>(demoPath, 'SELECT count(*) AS n FROM dbt_audit_summary WHERE invocation_id = ?', invocation)[0]?.n;
  expect(expected).toBeGreaterThan(0);
  await page.screenshot({ path: testInfo.outputPath('step-invocation-link.png') });
  await link.click();
  await expect(runs.filterChips).toHaveCount(1);
  expect(await runs.exactRunCount()).toBe(expected);
  await expect(runs.errorBar).toHaveCount(0);
});

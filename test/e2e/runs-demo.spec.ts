import Database from 'better-sqlite3';
import { ExplorerPage } from './pages/explorer-page';
import { RunsPage } from './pages/runs-page';
import { StartPage } from './pages/start-page';
import { sqlRows } from './fixtures/demo-sql';
import { expect, test } from './fixtures/server';


const FAILED = "lower(status) IN ('error','failed','fail')";

test('runs of the demo store: failed dbt runs through the status facet, a run\'s steps, a run in a tab', async ({ page, appUrl, demoPath }, testInfo) => {
  const start = new StartPage(page);
  const runs = new RunsPage(page);
  const [{ n: expectedFailed }] = sqlRows<{ n: number }>(demoPath, `SELECT count(*) AS n FROM dbt_audit_summary WHERE ${FAILED}`) as [{ n: number }];
  expect(expectedFailed).toBeGreaterThan(0);

  await start.goto(appUrl);
  await start.openDemo();
  await runs.open();
  // Several formats and none chosen yet: the store's formats are listed to pick from.
  await expect(runs.formatChoices).toBeVisible();
  // Fivetran's log has two views: syncs and user activity.
  expect(await runs.formatIds()).toEqual(['dbt-audit', 'dbt-hook-log', 'ddeutil-audit', 'fivetran-log', 'fivetran-log', 'transformation-log']);
  await page.screenshot({ path: testInfo.outputPath('formats.png') });
  await runs.chooseFormat('dbt-audit');

  // The status facet counts failed runs before any filter; clicking it filters the grid.
  expect(await runs.facetCount('status', 'failed')).toBe(expectedFailed);
  await runs.toggleFacet('status', 'failed');
  await expect(runs.facetValue('status', 'failed')).toHaveAttribute('aria-pressed', 'true');
  await expect(runs.filterChips).toHaveCount(1);
  // The chip says the column as its header does ("Status"), the stored name in its tooltip.
  await expect(runs.filterChips.first()).toContainText('Status = failed');
  expect(await runs.exactRunCount()).toBe(expectedFailed);
  await expect(runs.statusOf(0)).toHaveAttribute('data-status', 'failed');

  // The other facets follow the filter: the name facet's counts add up to at most the failed runs.
  const firstName = runs.facet('run_name').getByTestId('facet-value').first();
  const nameCount = Number(((await firstName.locator('.facet-count').textContent()) ?? '').replace(/,/g, ''));
  expect(nameCount).toBeLessThanOrEqual(expectedFailed);

  // Pick a failed run among the first rows whose steps include one without a sequence number,
  // so the order "step_sequence_num ascending, NULL last" is really exercised.
  const withNullStep = new Set(sqlRows<{ id: string }>(demoPath, `
    SELECT s.invocation_id || ' / ' || s.model_name AS id FROM dbt_audit_summary s
    WHERE ${FAILED.replace('status', 's.status')} AND EXISTS (
      SELECT 1 FROM dbt_audit_detail d WHERE d.invocation_id = s.invocation_id AND d.model_name = s.model_name AND d.step_sequence_num IS NULL)`).map((r) => r.id));
  let index = -1;
  for (let i = 0; i < 30 && index < 0; i++) {
    if (withNullStep.has((await runs.cell(i, 'run_id').textContent()) ?? '')) {
      index = i;
    }
  }
  expect(index).toBeGreaterThanOrEqual(0);
  const runId = (await runs.cell(index, 'run_id').textContent()) ?? '';
  const [invocationId, modelName] = runId.split(' / ') as [string, string];

  await runs.selectRun(index);
  await expect(runs.runDetail).toHaveAttribute('data-run-id', runId);
  const expectedSteps = sqlRows<{ step_name: string; seq: number | null }>(demoPath, `
    SELECT step_name, step_sequence_num AS seq FROM dbt_audit_detail WHERE invocation_id = ? AND model_name = ?
    ORDER BY step_sequence_num IS NULL, step_sequence_num, event_timestamp`, invocationId, modelName);
  expect(expectedSteps.at(-1)?.seq).toBeNull();
  expect(await runs.stepTexts('step_name')).toEqual(expectedSteps.map((s) => s.step_name));
  await expect(runs.stepsGrid().getByTestId('status').first()).toBeVisible();

  await page.screenshot({ path: testInfo.outputPath('runs.png') });

  // Open the run in its own tab: its fields and its steps, in the same order.
  await runs.openSelectedInTab();
  await expect(runs.tabs).toHaveCount(2);
  await expect(runs.tabField('dbt_audit_summary.invocation_id')).toHaveText(invocationId);
  expect(await runs.stepTexts('step_name', runs.tabPanel)).toEqual(expectedSteps.map((s) => s.step_name));
  await page.screenshot({ path: testInfo.outputPath('run-tab.png') });
  await runs.tabs.nth(1).getByTestId('tab-close').click();
  await expect(runs.tabs).toHaveCount(1);
  await expect(runs.view).toBeVisible();
  await expect(runs.filterChips).toHaveCount(1);

  // Removing the chip brings every run back.
  await runs.filterChips.first().getByRole('button', { name: /Remove filter/ }).click();
  expect(await runs.exactRunCount()).toBe(60_000);
  await expect(runs.errorBar).toHaveCount(0);
});

test('fivetran-log: syncs with their statuses, and the facet counts match SQL', async ({ page, appUrl, demoPath }, testInfo) => {
  const runs = new RunsPage(page);
  const [{ n: syncs }] = sqlRows<{ n: number }>(demoPath, "SELECT count(*) AS n FROM log WHERE message_event = 'sync_start'") as [{ n: number }];
  const [{ n: failures }] = sqlRows<{ n: number }>(demoPath, `SELECT count(*) AS n FROM log WHERE message_event = 'sync_end' AND json_valid(message_data)
    AND json_extract(message_data, '$.status') IN ('FAILURE', 'FAILURE_WITH_TASK')`) as [{ n: number }];

  await runs.openDemoFormat(appUrl, 'fivetran-log');
  expect(await runs.exactRunCount()).toBe(syncs);
  await expect(runs.statusOf(0)).toHaveAttribute('data-status', /^(ok|failed|running|skipped|unknown)$/);
  expect(await runs.facetCount('status', 'failed')).toBe(failures);

  await runs.toggleFacet('status', 'failed');
  expect(await runs.exactRunCount()).toBe(failures);
  await expect(runs.statusOf(0)).toHaveAttribute('data-status', 'failed');
  await runs.selectRun(0);
  const events = await runs.stepTexts('step_name');
  expect(events[0]).toBe('sync_start');
  expect(events.at(-1)).toBe('sync_end');
  await page.screenshot({ path: testInfo.outputPath('runs-fivetran.png') });
  await expect(runs.errorBar).toHaveCount(0);
});

test('a store without a known audit format says so and leads to its tables', async ({ page, appUrl }, testInfo) => {
  const file = testInfo.outputPath('plain.db');
  const db = new Database(file);
  db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hello');");
  db.close();
  const start = new StartPage(page);
  const runs = new RunsPage(page);
  const explorer = new ExplorerPage(page);
  await start.goto(appUrl);
  await start.openPath(file);
  await expect(explorer.root).toBeVisible();
  await runs.open();
  await expect(runs.empty).toContainText('No known audit format in this store');
  await page.screenshot({ path: testInfo.outputPath('no-format.png') });
  await runs.empty.getByTestId('browse-tables').click();
  await explorer.openTable('notes');
  expect(await explorer.exactRowCount()).toBe(1);
});

test.describe('in a +05:30 time zone', () => {
  test.use({ timezoneId: 'Asia/Kolkata' });

  test('keys switch modes, UTC | Local changes zoned times, and the tables still work', async ({ page, appUrl }) => {
    const start = new StartPage(page);
    const runs = new RunsPage(page);
    const explorer = new ExplorerPage(page);
    await start.goto(appUrl);
    await start.openDemo();

    await page.keyboard.press('r');
    await expect(runs.root).toBeVisible();
    await runs.chooseFormat('transformation-log');
    const started = runs.cell(0, 'started_at').getByTestId('time');
    const utcText = (await started.textContent()) ?? '';
    expect(utcText).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    await expect(started).toHaveAttribute('title', /stored as .*\+00:00/);
    await runs.showTimesIn('local');
    await expect(started).toHaveAttribute('title', /local time \(UTC\+05:30\)/);
    await expect(started).not.toHaveText(utcText);
    await runs.showTimesIn('utc');
    await expect(started).toHaveText(utcText);

    // In the grid, `/` opens the focused column's filter popover.
    await runs.cell(1, 'actor').click();
    await page.keyboard.press('/');
    const popover = page.getByTestId('filter-popover');
    await expect(popover).toContainText('Actor');
    await popover.getByTestId('filter-text').fill('viz');
    await popover.getByTestId('filter-text').press('Enter');
    await expect(runs.filterChips).toHaveCount(1);
    await expect(runs.cell(0, 'actor')).toContainText('viz');
    await runs.filterChips.first().getByRole('button', { name: /Remove filter/ }).click();
    await expect(runs.filterChips).toHaveCount(0);

    // `/` goes to the first facet search box; Escape closes the steps pane.
    await runs.cell(0, 'run_name').click();
    await expect(runs.runDetail).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(runs.runDetail).toBeHidden();
    await runs.cell(0, 'duration_s').click();
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    await expect(runs.facet('run_name').getByTestId('facet-search')).toBeFocused();

    await page.getByTestId('mode-tables').click();
    await explorer.openTable('dbt_audit_log');
    expect(await explorer.exactRowCount()).toBeGreaterThan(0);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('r');
    await expect(runs.view).toHaveAttribute('data-format', 'transformation-log');
    await page.keyboard.press('t');
    await expect(explorer.tableItem('dbt_audit_log')).toBeVisible();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    await expect(explorer.tableFilter).toBeFocused();
  });
});

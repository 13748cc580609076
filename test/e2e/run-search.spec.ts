import { RunSearchPanel } from './pages/run-search-panel';
import { RunsPage } from './pages/runs-page';
import { sqlRows } from './fixtures/demo-sql';
import { expect, test } from './fixtures/server';

/** Words that the demo's dbt steps say ("Ran 100 tests on dim_channels: …") and no run message does. */
const WORDS = '100 TESTS on';

/** The runs the search must keep, newest first, by SQL with instr (not LIKE) as the ground truth. */
function searchedRuns(demoPath: string, text: string): string[] {
  return sqlRows<{ id: string }>(demoPath, `
    SELECT invocation_id || ' / ' || model_name AS id FROM dbt_audit_summary
    WHERE instr(lower(custom_message), lower(?)) > 0
       OR (invocation_id, model_name) IN (SELECT invocation_id, model_name FROM dbt_audit_detail WHERE instr(lower(message), lower(?)) > 0)
    ORDER BY run_started_at DESC, invocation_id, model_name`, text, text).map((r) => r.id);
}

test('find runs by a word in one of their steps, see the matching step marked, and count "any step failed" against SQL', async ({ page, appUrl, demoPath }, testInfo) => {
  const runs = new RunsPage(page);
  const search = new RunSearchPanel(page);
  const inRunMessages = sqlRows<{ n: number }>(demoPath, 'SELECT count(*) AS n FROM dbt_audit_summary WHERE instr(lower(custom_message), lower(?)) > 0', WORDS)[0]?.n;
  expect(inRunMessages).toBe(0);
  const expected = searchedRuns(demoPath, WORDS);
  expect(expected.length).toBeGreaterThan(1);
  expect(expected.length).toBeLessThan(20);

  await runs.openDemoFormat(appUrl, 'dbt-audit');

  // The user types words from a step message: the grid shows exactly the runs SQL finds.
  await search.search(WORDS);
  expect(await runs.exactRunCount()).toBe(expected.length);
  await expect.poll(() => search.shownRunIds()).toEqual(expected);
  await page.screenshot({ path: testInfo.outputPath('search-runs.png') });

  // Opening one shows its steps with the matching one marked.
  await runs.selectRun(0);
  await expect(runs.runDetail).toHaveAttribute('data-run-id', expected[0] ?? '');
  await expect(search.stepsNote()).toBeVisible();
  await expect(search.markedSteps()).toHaveCount(1);
  await expect(search.markedSteps().locator('[col-id="message"]')).toContainText(/100 tests on/i);
  const [matching] = sqlRows<{ step_name: string; message: string }>(demoPath, `SELECT step_name, message FROM dbt_audit_detail
    WHERE invocation_id || ' / ' || model_name = ? AND instr(lower(message), lower(?)) > 0`, expected[0] ?? '', WORDS);
  await expect(search.firstMatch()).toContainText(`First match: ${matching?.step_name ?? '?'}`);
  await expect(search.firstMatch()).toContainText(matching?.message ?? '?');
  await page.screenshot({ path: testInfo.outputPath('search-step-marked.png') });

  // Removing the chip brings every run back and empties the box.
  await search.chip.getByRole('button', { name: /Remove filter/ }).click();
  await expect(search.box).toHaveValue('');
  const all = sqlRows<{ n: number }>(demoPath, 'SELECT count(*) AS n FROM dbt_audit_summary')[0]?.n;
  expect(await runs.exactRunCount()).toBe(all);

  // "Any step failed": the count equals SQL's semi-join.
  const failed = sqlRows<{ n: number }>(demoPath, `SELECT count(*) AS n FROM dbt_audit_summary WHERE (invocation_id, model_name) IN
    (SELECT invocation_id, model_name FROM dbt_audit_detail WHERE lower(trim(status)) = 'error')`)[0]?.n;
  expect(failed).toBeGreaterThan(0);
  await runs.crossToggle('any-step-failed').click();
  await expect(runs.crossToggle('any-step-failed')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => runs.exactRunCount()).toBe(failed);
  await page.screenshot({ path: testInfo.outputPath('any-step-failed.png') });
});

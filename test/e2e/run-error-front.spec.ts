import { RunsPage } from './pages/runs-page';
import { sqlRows } from './fixtures/demo-sql';
import { expect, test } from './fixtures/server';

test('a failed run opens on its error: the heading says why, and its first failed step sits above the steps', async ({ page, appUrl, demoPath }, testInfo) => {
  const runs = new RunsPage(page);
  await runs.openDemoFormat(appUrl, 'dbt-audit');
  await runs.showOnlyStatus('failed');

  // The first failed run on screen, and its first "error" step in the format's order, from SQL.
  const runId = (await runs.cell(0, 'run_id').textContent()) ?? '';
  const [invocationId, modelName] = runId.split(' / ') as [string, string];
  const [run] = sqlRows<{ message: string | null }>(demoPath,
    'SELECT custom_message AS message FROM dbt_audit_summary WHERE invocation_id = ? AND model_name = ?', invocationId, modelName);
  const [firstError] = sqlRows<{ step: string; message: string | null }>(demoPath, `
    SELECT step_name AS step, message FROM dbt_audit_detail
    WHERE invocation_id = ? AND model_name = ? AND status = 'error'
    ORDER BY step_sequence_num IS NULL, step_sequence_num, event_timestamp LIMIT 1`, invocationId, modelName);

  await runs.selectRun(0);
  await expect(runs.runDetail).toHaveAttribute('data-run-id', runId);
  const runMessage = run?.message?.trim() ?? '';
  if (runMessage !== '') {
    await expect(runs.runHeadingError).toHaveAttribute('title', runMessage);
  }
  if (firstError) {
    await expect(runs.firstFailureStep).toHaveText(`First failure: ${firstError.step}`);
    await expect(runs.firstFailureMessage).toHaveText(firstError.message ?? 'The step recorded no message.');
    // Its fields open beside the steps, as a step's would.
    await runs.firstFailure.getByTestId('first-failure-open').click();
    await expect(runs.runDetail.getByTestId('step-detail')).toBeVisible();
  } else {
    await expect(runs.firstFailure).toHaveCount(0);
  }
  await page.screenshot({ path: testInfo.outputPath('failed-run-error-in-front.png') });

  // A run that did not fail has neither.
  await runs.toggleFacet('status', 'failed');
  await runs.showOnlyStatus('ok');
  await runs.selectRun(0);
  await expect(runs.runDetail.getByTestId('steps-count')).toHaveAttribute('data-value', /\d+/);
  await expect(runs.firstFailure).toHaveCount(0);
  await expect(runs.runHeadingError).toHaveCount(0);
});

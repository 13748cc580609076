import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import { ExportDialogPage } from './pages/export-dialog-page';
import { RunsPage } from './pages/runs-page';
import { sqlRows } from './fixtures/demo-sql';
import { expect, test } from './fixtures/server';

test('export the failed runs of the dbt audit log from the runs view', async ({ page, appUrl, demoPath }) => {
  const db = new Database(demoPath, { readonly: true });
  const failed = (db.prepare("SELECT count(*) AS n FROM dbt_audit_summary WHERE lower(status) IN ('error','failed','fail')").get() as { n: number }).n;
  db.close();
  const runs = new RunsPage(page);
  const dialog = new ExportDialogPage(page);
  await runs.openDemoFormat(appUrl, 'dbt-audit');
  await runs.toggleFacet('status', 'failed');
  expect(await runs.exactRunCount()).toBe(failed);

  await dialog.open();
  expect(await dialog.exactCount()).toBe(failed);
  const downloaded = page.waitForEvent('download');
  await dialog.startButton.click();
  const download = await downloaded;
  const records = parse(fs.readFileSync(await download.path(), 'utf8'));
  expect(records).toHaveLength(failed + 1);
  const header = records[0] ?? [];
  expect(header.slice(0, 3)).toEqual(['run_id', 'run_name', 'started_at']);
  const status = header.indexOf('status');
  expect(records.slice(1).every((r) => r[status] === 'failed')).toBe(true);
});


test('the runs export keeps the grid\'s sort: longest runs first, in the order on screen', async ({ page, appUrl, demoPath }) => {
  const runs = new RunsPage(page);
  const dialog = new ExportDialogPage(page);
  await runs.openDemoFormat(appUrl, 'dbt-audit');
  await runs.toggleFacet('status', 'failed');
  // Twice on the header: ascending, then descending, as a user clicks.
  await runs.sortBy('duration_s');
  await runs.sortBy('duration_s');
  await dialog.open();
  await expect(dialog.order).toHaveText('duration_s ↓');
  const download = await dialog.exportAndDownload();
  const records: string[][] = parse(fs.readFileSync(await download.path(), 'utf8'));
  const [header, ...rows] = records;
  const id = (header ?? []).indexOf('run_id');
  const duration = (header ?? []).indexOf('duration_s');
  // The same runs, longest first, straight from the store (ties keep the run id order the view adds).
  const expected = sqlRows<{ id: string; d: number | null }>(demoPath, `
    SELECT invocation_id || ' / ' || model_name AS id, execution_time_seconds AS d FROM dbt_audit_summary
    WHERE lower(trim(status)) IN ('error','failed','fail')`);
  const durations = rows.map((r) => (r[duration] === '' ? null : Number(r[duration])));
  expect(rows.map((r) => r[id]).sort()).toEqual(expected.map((e) => e.id).sort());
  expect(durations).toEqual(expected.map((e) => e.d).sort((a, b) => (b ?? -Infinity) - (a ?? -Infinity)));
});

/** The raw summary statuses the dbt-audit profile maps to "failed" (electron/profiles/dbt-audit.ts), compared as the server does. */
const FAILED_RUN = "lower(trim(s.status)) IN ('error','failed','fail')";

/** The run columns every steps export starts with, in order. */
const STEP_RUN_HEADER = ['run_id', 'run_name', 'run_started_at', 'run_ended_at', 'run_duration_s', 'run_status', 'run_actor'];

test('export the steps of a failed dbt run from its steps pane, then the steps of every failed run', async ({ page, appUrl, demoPath }, testInfo) => {
  const runs = new RunsPage(page);
  const dialog = new ExportDialogPage(page);
  const [{ n: failedSteps }] = sqlRows<{ n: number }>(demoPath, `
    SELECT count(*) AS n FROM dbt_audit_detail d JOIN dbt_audit_summary s
      ON s.invocation_id = d.invocation_id AND s.model_name = d.model_name
    WHERE ${FAILED_RUN}`) as [{ n: number }];
  expect(failedSteps).toBeGreaterThan(0);

  await runs.openDemoFormat(appUrl, 'dbt-audit');
  await runs.showOnlyStatus('failed');
  const runId = (await runs.cell(0, 'run_id').textContent()) ?? '';
  const runName = (await runs.cell(0, 'run_name').textContent()) ?? '';
  const [invocationId, modelName] = runId.split(' / ') as [string, string];
  const [{ n: runSteps }] = sqlRows<{ n: number }>(demoPath,
    'SELECT count(*) AS n FROM dbt_audit_detail WHERE invocation_id = ? AND model_name = ?', invocationId, modelName) as [{ n: number }];
  expect(runSteps).toBeGreaterThan(0);

  // One run: the steps pane's button, the run's columns first, then the columns the steps grid shows.
  await runs.selectRun(0);
  await expect(runs.runDetail).toHaveAttribute('data-run-id', runId);
  const stepColumns = await runs.stepColumnIds();
  const header = [...STEP_RUN_HEADER, ...stepColumns];
  await dialog.openFrom(runs.stepsExportButton());
  await expect(dialog.choice('Steps of these runs')).toHaveCount(0);
  expect(await dialog.exactCount()).toBe(runSteps);
  expect(await dialog.columnNames()).toEqual(header);
  await expect(dialog.filters).toHaveText([`run_id = ${runId}`]);
  await page.screenshot({ path: testInfo.outputPath('steps-export-dialog.png') });
  const one = await dialog.exportAndDownload();
  expect(one.suggestedFilename()).toBe(`dbt-audit-steps-${runName}.csv`);
  const [oneHeader, ...oneRows] = parse(fs.readFileSync(await one.path(), 'utf8'));
  expect(oneHeader).toEqual(header);
  expect(oneRows).toHaveLength(runSteps);
  expect(oneRows.every((r) => r[0] === runId && r[1] === runName && r[5] === 'failed')).toBe(true);
  await dialog.closeButton.click();
  await expect(dialog.root).toBeHidden();

  // A cross-run toggle has no column-filter form, so "Steps of these runs" says why it is off.
  await runs.crossToggle('any-step-failed').click();
  await dialog.open();
  await expect(dialog.choice('Steps of these runs')).toBeDisabled();
  await expect(dialog.choiceUnavailable).toContainText('Any step failed');
  await page.screenshot({ path: testInfo.outputPath('steps-of-runs-unavailable.png') });
  await dialog.dismiss();
  await runs.crossToggle('any-step-failed').click();
  await expect(runs.crossToggle('any-step-failed')).toHaveAttribute('aria-pressed', 'false');

  // Every failed run: the runs toolbar's dialog, "Steps of these runs", under the status facet's filter.
  await dialog.open();
  await expect(dialog.choice('Runs')).toBeChecked();
  await dialog.choose('Steps of these runs');
  // Counted ahead on the server, with the export's own plan: the number the file will hold.
  await expect(dialog.count).toHaveAttribute('data-value', String(failedSteps));
  expect(await dialog.exactCount()).toBe(failedSteps);
  expect(await dialog.columnNames()).toEqual(header);
  await expect(dialog.filters).toHaveText(['run status = failed']);
  await page.screenshot({ path: testInfo.outputPath('steps-of-runs-dialog.png') });
  const all = await dialog.exportAndDownload();
  expect(all.suggestedFilename()).toBe('dbt-audit-steps.csv');
  const [allHeader, ...allRows] = parse(fs.readFileSync(await all.path(), 'utf8'));
  expect(allHeader).toEqual(header);
  expect(allRows).toHaveLength(failedSteps);
  expect(allRows.every((r) => r[5] === 'failed')).toBe(true);
  expect(allRows.filter((r) => r[0] === runId)).toHaveLength(runSteps);
  await dialog.closeButton.click();

  // A run opened in its own tab shows the same steps pane, with the same button; there Ctrl+E
  // exports that run's steps, not the runs list that is no longer on screen.
  await runs.openSelectedInTab();
  await expect(runs.stepsExportButton(runs.tabPanel)).toBeVisible();
  await dialog.openWithShortcut();
  await expect(dialog.root).toHaveCount(1);
  await expect(dialog.choice('Steps of these runs')).toHaveCount(0);
  await expect(dialog.filters).toHaveText([`run_id = ${runId}`]);
  expect(await dialog.exactCount()).toBe(runSteps);
  await dialog.dismiss();
});

import fs from 'node:fs';
import Database from 'better-sqlite3';
import { MappingPage } from './pages/mapping-page';
import { RunsPage } from './pages/runs-page';
import { StartPage } from './pages/start-page';
import { expect, test } from './fixtures/server';

/** An audit schema no profile knows: job runs and their tasks, with the usual status soup. */
function createJobStore(file: string): void {
  const db = new Database(file);
  db.exec(`
    CREATE TABLE job_runs (run_uuid TEXT PRIMARY KEY, job TEXT, began TEXT, finished TEXT, state TEXT, triggered_by TEXT);
    CREATE TABLE job_tasks (task_id INTEGER PRIMARY KEY, run_uuid TEXT, task TEXT, seq INTEGER, logged_at TEXT, state TEXT, detail TEXT);
  `);
  const runs = db.prepare('INSERT INTO job_runs VALUES (?, ?, ?, ?, ?, ?)');
  runs.run('r-1', 'nightly_load', '2025-05-01 02:00:00', '2025-05-01 02:04:10', 'SUCCEEDED', 'cron');
  runs.run('r-2', 'nightly_load', '2025-05-02 02:00:00', '2025-05-02 02:01:30', 'Crashed', 'cron');
  runs.run('r-3', 'backfill', '2025-05-02 09:15:00', null, 'queued', 'alice');
  runs.run('r-4', 'nightly_load', '2025-05-03 02:00:00', '2025-05-03 02:03:55', 'SUCCEEDED', 'cron');
  const tasks = db.prepare('INSERT INTO job_tasks (run_uuid, task, seq, logged_at, state, detail) VALUES (?, ?, ?, ?, ?, ?)');
  // Inserted out of order on purpose: the steps must come back in `seq` order.
  tasks.run('r-1', 'transform', 2, '2025-05-01 02:01:00', 'SUCCEEDED', null);
  tasks.run('r-1', 'extract', 1, '2025-05-01 02:00:05', 'SUCCEEDED', null);
  tasks.run('r-1', 'load', 3, '2025-05-01 02:03:00', 'SUCCEEDED', null);
  tasks.run('r-2', 'extract', 1, '2025-05-02 02:00:05', 'SUCCEEDED', null);
  tasks.run('r-2', 'transform', 2, '2025-05-02 02:01:00', 'Crashed', 'division by zero in <b>fx_rate</b>');
  tasks.run('r-3', 'extract', 1, '2025-05-02 09:15:02', 'queued', null);
  tasks.run('r-4', 'extract', 1, '2025-05-03 02:00:04', 'SUCCEEDED', null);
  tasks.run('r-4', 'transform', 2, '2025-05-03 02:01:10', 'SUCCEEDED', null);
  tasks.run('r-4', 'load', 3, '2025-05-03 02:02:50', 'SUCCEEDED', null);
  tasks.run('r-4', 'notify', 4, '2025-05-03 02:03:50', 'SUCCEEDED', 'sent to #data');
  tasks.run('r-9', 'orphan', 1, '2025-05-04 00:00:00', 'SUCCEEDED', 'no such run');
  tasks.run('r-2', 'cleanup', null, '2025-05-02 02:01:29', 'SUCCEEDED', null);
  db.close();
}

test('map an unknown schema by hand in under a minute, then read its runs and steps', async ({ page, appUrl }, testInfo) => {
  const file = testInfo.outputPath('jobs.sqlite');
  createJobStore(file);
  const start = new StartPage(page);
  const runs = new RunsPage(page);
  const mapping = new MappingPage(page);

  await start.goto(appUrl);
  await start.openPath(file);
  await runs.open();
  await expect(runs.empty).toContainText('No known audit format in this store');

  const began = Date.now();
  await mapping.openFromEmptyState();
  // Pre-filled from the suggestions: the runs table, its key and its roles; the join with its overlap.
  await expect(mapping.runsTable).toHaveValue('job_runs');
  expect(await mapping.runKey()).toEqual(['run_uuid']);
  await expect(mapping.runRole('name')).toHaveValue('job');
  await expect(mapping.runRole('started')).toHaveValue('began');
  await expect(mapping.runRole('ended')).toHaveValue('finished');
  await expect(mapping.runRole('status')).toHaveValue('state');
  await expect(mapping.runRole('actor')).toHaveValue('triggered_by');
  await expect(mapping.joins).toHaveCount(1);
  await expect(mapping.joins.first()).toContainText('same name');
  // 5 distinct run_uuid values among the tasks, 4 of them runs (r-9 is an orphan).
  await expect(mapping.joins.first().getByTestId('map-join-overlap')).toHaveText('4/5 (80 %)');
  await mapping.joins.first().click();
  await expect(mapping.joins.first()).toHaveAttribute('aria-pressed', 'true');
  await expect(mapping.stepsTable).toHaveValue('job_tasks');
  await expect(mapping.stepRole('name')).toHaveValue('task');
  await expect(mapping.stepRole('at')).toHaveValue('logged_at');
  await expect(mapping.stepRole('status')).toHaveValue('state');
  await expect(mapping.stepRole('message')).toHaveValue('detail');
  expect((await mapping.stepOrder())[0]).toBe('seq');
  await mapping.title.fill('Nightly jobs');
  await page.screenshot({ path: testInfo.outputPath('mapping-form.png') });
  await mapping.title.press('Enter');

  // Saved: the new format is picked and its runs are shown, statuses read through the generic words.
  await expect(runs.view).toHaveAttribute('data-format', 'mapped');
  await runs.waitForRows();
  const elapsedMs = Date.now() - began;
  expect(elapsedMs).toBeLessThan(60_000);
  testInfo.annotations.push({ type: 'mapping-flow-ms', description: String(elapsedMs) });
  expect(await runs.exactRunCount()).toBe(4);
  await expect.poll(() => runs.facetCount('status', 'failed')).toBe(1);
  await expect.poll(() => runs.facetCount('status', 'running')).toBe(1);
  await expect.poll(() => runs.facetCount('status', 'ok')).toBe(2);
  const crashedRow = await rowOf(runs, 'r-2');
  await expect(runs.statusOf(crashedRow)).toHaveAttribute('data-status', 'failed');
  await expect(runs.cell(crashedRow, 'status')).toContainText('Crashed');

  await runs.selectRun(crashedRow);
  expect(await runs.stepTexts('step_name')).toEqual(['extract', 'transform', 'cleanup']);
  await expect(runs.stepsGrid().getByText('division by zero in <b>fx_rate</b>')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('mapped-runs.png') });
  await expect(runs.errorBar).toHaveCount(0);
});

test('a saved mapping exports as JSON and imports again under another title', async ({ page, appUrl }, testInfo) => {
  const file = testInfo.outputPath('jobs.sqlite');
  createJobStore(file);
  const start = new StartPage(page);
  const runs = new RunsPage(page);
  const mapping = new MappingPage(page);
  await start.goto(appUrl);
  await start.openPath(file);
  await runs.open();
  await mapping.openFromEmptyState();

  // The server's check is shown above the form: a runs key column the table does not have.
  await mapping.title.fill('Jobs');
  await page.getByTestId('map-run-key-chip').getByRole('button').click();
  await mapping.save.click();
  await expect(mapping.error).toContainText('Pick the column (or columns) that identify a run.');
  await page.getByTestId('map-run-key-add').selectOption('run_uuid');
  await mapping.save.click();
  await expect(runs.view).toHaveAttribute('data-format', 'mapped');

  // Reopen the saved mapping from the format picker, and export it.
  await runs.formatPicker.selectOption('#map-edit');
  await expect(mapping.root).toContainText('Edit the mapping');
  await expect(mapping.title).toHaveValue('Jobs');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('map-export').click()]);
  expect(download.suggestedFilename()).toBe('auditlens-mapping-Jobs.json');
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as { title: string; runs: { key: string[] }; steps: { runKey: string[] } };
  expect(exported.title).toBe('Jobs');
  expect(exported.runs.key).toEqual(['run_uuid']);
  expect(exported.steps.runKey).toEqual(['run_uuid']);
  await page.screenshot({ path: testInfo.outputPath('mapping-edit.png') });

  // Import a copy under another title: it is saved and shown at once.
  const copy = testInfo.outputPath('copy.json');
  fs.writeFileSync(copy, JSON.stringify({ ...exported, title: 'Jobs (copy)' }));
  await page.getByTestId('map-import-file').setInputFiles(copy);
  await expect(runs.view).toHaveAttribute('data-format', 'mapped');
  await expect(runs.formatPicker.locator('option:checked')).toHaveText('Jobs (copy)');
  expect(await runs.exactRunCount()).toBe(4);

  // A file that is not a mapping is refused with the server's sentence, next to the form.
  await runs.formatPicker.selectOption('#map-new');
  const bad = testInfo.outputPath('bad.json');
  fs.writeFileSync(bad, JSON.stringify({ title: 'x', runs: { table: { schema: null, name: 'job_runs' }, key: ['nope'] } }));
  await page.getByTestId('map-import-file').setInputFiles(bad);
  await expect(mapping.error).toContainText('"nope"');
  await page.getByTestId('map-cancel').click();
  await expect(runs.view).toBeVisible();
});

/** The row index of a run by its id, among the first rows. */
async function rowOf(runs: RunsPage, runId: string): Promise<number> {
  for (let i = 0; i < 20; i++) {
    if ((await runs.cell(i, 'run_id').textContent()) === runId) {
      return i;
    }
  }
  throw new Error(`run ${runId} is not among the first rows`);
}

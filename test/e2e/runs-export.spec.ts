import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import { ExportDialogPage } from './pages/export-dialog-page';
import { RunsPage } from './pages/runs-page';
import { StartPage } from './pages/start-page';
import { expect, test } from './fixtures/server';

test('export the failed runs of the dbt audit log from the runs view', async ({ page, appUrl, demoPath }) => {
  const db = new Database(demoPath, { readonly: true });
  const failed = (db.prepare("SELECT count(*) AS n FROM dbt_audit_summary WHERE lower(status) IN ('error','failed','fail')").get() as { n: number }).n;
  db.close();
  const start = new StartPage(page);
  const runs = new RunsPage(page);
  const dialog = new ExportDialogPage(page);
  await start.goto(appUrl);
  await start.openDemo();
  await runs.open();
  await runs.chooseFormat('dbt-audit');
  await runs.toggleFacet('status', 'failed');
  expect(await runs.exactRunCount()).toBe(failed);

  await dialog.open();
  expect(await dialog.exactCount()).toBe(failed);
  const downloaded = page.waitForEvent('download');
  await dialog.startButton.click();
  const download = await downloaded;
  const records = parse(fs.readFileSync(await download.path(), 'utf8')) as string[][];
  expect(records).toHaveLength(failed + 1);
  const header = records[0] ?? [];
  expect(header.slice(0, 3)).toEqual(['run_id', 'run_name', 'started_at']);
  const status = header.indexOf('status');
  expect(records.slice(1).every((r) => r[status] === 'failed')).toBe(true);
});

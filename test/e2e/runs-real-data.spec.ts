import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RunsPage } from './pages/runs-page';
import { StartPage } from './pages/start-page';
import { expect, test } from './fixtures/server';

/**
 * A dbt audit summary with years of history whose run_started_at text was written by several
 * macro versions (issue 13 items 11 and 16): SQL text from current_timestamp and ISO with Z from a
 * Python loader. Naive values are UTC here (the test pins nothing on the machine's zone: every
 * naive value is written at +00:00 wall time and the server runs with TZ=UTC only if the machine does).
 */
function buildStore(file: string): { newestId: string; newestDay: string; lastDayCount: number } {
  const db = new Database(file);
  db.exec('CREATE TABLE dbt_audit_summary (invocation_id varchar(255), model_name varchar(255), run_started_at varchar(32), run_ended_at varchar(32), status varchar(50), PRIMARY KEY (invocation_id, model_name))');
  const insert = db.prepare('INSERT INTO dbt_audit_summary VALUES (?, ?, ?, ?, ?)');
  const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.000000Z');
  const local = (ms: number): string => {
    const d = new Date(ms);
    const p = (n: number): string => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  };
  let i = 0;
  const add = (ms: number, status: string): void => {
    const text = i % 2 === 0 ? local(ms) : iso(ms);
    insert.run(`inv${i}`, 'orders', text, i % 2 === 0 ? local(ms + 60_000) : iso(ms + 60_000), status);
    i += 1;
  };
  // A backfill: 30 busy days in 2024, 25 runs each.
  for (let d = 0; d < 30; d++) {
    for (let k = 0; k < 25; k++) {
      add(Date.UTC(2024, 0, 1 + d, 1, k), 'completed');
    }
  }
  // One run a day since, then the last day: an early run in ISO, a later one in SQL text.
  for (let t = Date.UTC(2024, 2, 1, 12); t < Date.UTC(2027, 2, 20); t += 86_400_000) {
    add(t, 'completed');
  }
  const last = Date.UTC(2027, 2, 20, 18, 9, 4);
  i = 99_999;
  add(Date.UTC(2027, 2, 20, 6, 9, 55), 'error');
  i = 100_000;
  add(last, 'completed');
  db.close();
  return { newestId: 'inv100000 / orders', newestDay: local(last).slice(0, 10), lastDayCount: 2 };
}

test('real data: newest first by instant, the newest day on top of the Day facet, a quick range back from the newest run', async ({ page, appUrl }, testInfo) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-e2e-real-'));
  const file = path.join(dir, 'years.db');
  const truth = buildStore(file);
  const start = new StartPage(page);
  const runs = new RunsPage(page);

  await start.goto(appUrl);
  await start.openPath(file);
  await runs.open();
  await runs.waitForRows();

  // Newest first is the newest instant, though its text sorts below the ISO rows of that day.
  await expect(runs.cell(0, 'run_id')).toHaveText(truth.newestId);
  // The format says what its times without a zone mean (dbt-audit: the writer's local time), and
  // every time is read so: the SQL-text start and the ISO start of one screen are both converted.
  await expect(runs.naiveTimeNote).toHaveText('No-zone times: local');
  await expect(runs.cell(0, 'started_at').getByTestId('time')).not.toHaveClass(/as-stored/);
  // The Day facet starts at the newest day, with its count, though older days were far busier.
  const firstDay = runs.facet('day').getByTestId('facet-value').first();
  await expect(firstDay).toHaveAttribute('data-value', truth.newestDay);
  expect(await runs.facetCount('day', truth.newestDay)).toBeGreaterThanOrEqual(1);

  // The Started filter says how times compare here.
  const popover = await runs.openFilter('started_at');
  await expect(popover.getByTestId('filter-time-hint')).toContainText('Compared as instants');
  await page.screenshot({ path: testInfo.outputPath('started-filter.png') });
  await page.keyboard.press('Escape');

  // "24 h" back from the newest run: the runs of its last day, whatever today's date.
  await runs.quickRange('24 h').click();
  await expect(runs.quickRange('24 h')).toHaveAttribute('aria-pressed', 'true');
  expect(await runs.exactRunCount()).toBe(truth.lastDayCount);
  await page.screenshot({ path: testInfo.outputPath('quick-range.png') });
  fs.rmSync(dir, { recursive: true, force: true });
});

test('real data: a ddeutil run whose exec_latency contradicts its start and end shows end − start and flags the figure', async ({ page, appUrl }, testInfo) => {
  // A ddeutil-workflow file audit as its FileAudit writer lays it out (workflow=/release=/run_id.log),
  // runs_metadata as its Result writes it: 23:00:00 → 23:03:09, exec_latency 0.587 s.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-e2e-ddeutil-'));
  const runId = '20250807230000000001T1354680202';
  const file = path.join(dir, 'workflow=wf-etl', 'release=20250807230000', `${runId}.log`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({
    name: 'wf-etl', release: '2025-08-07 23:00:00', type: 'normal', run_id: runId, parent_run_id: runId,
    context: { status: 'SUCCESS', jobs: { extract: { status: 'SUCCESS', stages: {} } } },
    runs_metadata: { timeout: 600, exec_start: '2025-08-07 23:00:00.000001+00:00', exec_end: '2025-08-07 23:03:09.000000+00:00', exec_latency: 0.587 },
  }));
  const start = new StartPage(page);
  const runs = new RunsPage(page);
  await start.goto(appUrl);
  await start.openPath(dir);
  await runs.open();
  await runs.waitForRows();
  await runs.selectRun(0);
  await runs.openSelectedInTab();
  await expect(runs.tabField('duration_s')).toContainText('3 min 09 s');
  await expect(runs.tabField('duration_s').getByTestId('duration-contradiction')).toContainText('exec_latency says 587 ms');
  await page.screenshot({ path: testInfo.outputPath('duration-flag.png') });
  fs.rmSync(dir, { recursive: true, force: true });
});

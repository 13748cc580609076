import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import { sqlRows } from './fixtures/demo-sql';
import { expect, test } from './fixtures/server';
import { ExportDialogPage } from './pages/export-dialog-page';
import { RunsPage } from './pages/runs-page';
import { StartPage } from './pages/start-page';
import { TimelinePage } from './pages/timeline-page';

interface RunTimes {
  readonly id: string;
  readonly status: string;
  readonly started: string;
  readonly ended: string | null;
}

/**
 * The demo's dbt audit runs with their times as stored. The dbt-audit profile reads these naive
 * timestamps as the writer's local time, and the server runs on this machine, so `new Date(text)`
 * (local time for a date-time without a zone) is the same instant the engine computes.
 */
function dbtRuns(demoPath: string): RunTimes[] {
  return sqlRows<RunTimes>(demoPath, `
    SELECT invocation_id || ' / ' || model_name AS id, status, run_started_at AS started, run_ended_at AS ended FROM dbt_audit_summary`);
}

const local = (text: string): number => new Date(text.replace(' ', 'T')).getTime();

/** The runs that overlap `[from, to)`: start before `to`, end (or start, without an end) at or after `from`. */
function overlapping(runs: readonly RunTimes[], fromMs: number, toMs: number): RunTimes[] {
  return runs.filter((r) => {
    const s = local(r.started);
    const e = r.ended === null ? s : local(r.ended);
    return s < toMs && e >= fromMs;
  });
}

test('timeline of the dbt audit log: brush a window, the runs grid follows, a failed run\'s waterfall, keyboard zoom, export of the window', async ({ page, appUrl, demoPath }, testInfo) => {
  test.setTimeout(120_000);
  const start = new StartPage(page);
  const timeline = new TimelinePage(page);
  const runs = new RunsPage(page);
  const dialog = new ExportDialogPage(page);
  const all = dbtRuns(demoPath);

  await start.goto(appUrl);
  await start.openDemo();
  await timeline.open();
  await timeline.chooseFormat('dbt-audit');
  // One lane per model, every run of the store drawn or counted in a bucket.
  const models = sqlRows<{ n: number }>(demoPath, 'SELECT count(DISTINCT model_name) AS n FROM dbt_audit_summary')[0]?.n ?? 0;
  await expect(timeline.lanes).toHaveCount(models);
  await expect(timeline.view).toHaveAttribute('data-total', String(all.length));
  await page.screenshot({ path: testInfo.outputPath('timeline-overview.png') });

  // The picture of what is on screen: an SVG naming every lane, and a PNG.
  const svgFile = await timeline.savePicture('svg');
  expect(svgFile.name).toMatch(/\.svg$/);
  const svg = fs.readFileSync(svgFile.path, 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  for (const { m } of sqlRows<{ m: string }>(demoPath, 'SELECT DISTINCT model_name AS m FROM dbt_audit_summary')) {
    expect(svg).toContain(`>${m}<`);
  }
  const pngFile = await timeline.savePicture('png');
  expect(fs.readFileSync(pngFile.path).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

  // Brushing the overview sets the window: it shows as a chip and narrows the runs grid.
  await timeline.brush(0.4, 0.5);
  await timeline.waitForDrawn();
  await expect(timeline.chips).toHaveCount(1);
  await expect(timeline.chips.first()).toContainText('time ');
  const fromMs = Date.parse((await timeline.view.getAttribute('data-window-from')) ?? '');
  const toMs = Date.parse((await timeline.view.getAttribute('data-window-to')) ?? '');
  expect(toMs).toBeGreaterThan(fromMs);
  const inWindow = overlapping(all, fromMs, toMs);
  expect(inWindow.length).toBeGreaterThan(0);
  expect(inWindow.length).toBeLessThan(all.length);
  await page.screenshot({ path: testInfo.outputPath('timeline-brushed.png') });

  await runs.open();
  await expect(runs.filterChips).toHaveCount(1);
  expect(await runs.exactRunCount()).toBe(inWindow.length);
  expect(await runs.facetTotal('status')).toBe(inWindow.length);

  // Back in the timeline (the window survived the switch): find a failed run of the window and open its waterfall.
  await timeline.open();
  await timeline.waitForDrawn();
  await expect(timeline.chips).toHaveCount(1);
  const failed = inWindow.filter((r) => r.status === 'failed' && r.ended !== null).sort((a, b) => a.started.localeCompare(b.started))[0];
  expect(failed).toBeDefined();
  const failedId = failed?.id ?? '';
  await timeline.search.fill(failedId);
  // Enter goes to the next match: wait until the search has found it, as a user sees the count.
  await expect(timeline.matchCount).toHaveText(/^[1-9]\d* match/);
  await timeline.search.press('Enter');
  await expect(timeline.announcement).toContainText(', failed,');
  await expect(timeline.runDetail).toHaveAttribute('data-run-id', failedId);
  await timeline.openWaterfallButton.click();
  await expect(timeline.view).toHaveAttribute('data-waterfall', 'true');
  await timeline.search.fill('');
  await timeline.waitForDrawn();
  const [invocation, model] = failedId.split(' / ') as [string, string];
  const steps = sqlRows<{ n: number }>(demoPath, 'SELECT count(*) AS n FROM dbt_audit_detail WHERE invocation_id = ? AND model_name = ?', invocation, model)[0]?.n ?? 0;
  expect(steps).toBeGreaterThan(0);
  await expect(timeline.lanes).toHaveCount(steps);
  await page.screenshot({ path: testInfo.outputPath('timeline-waterfall.png') });

  // Keyboard zoom: + twice quarters the span, - doubles it back, 0 fits the whole run again.
  const fitted = await timeline.shownWindow();
  const span = fitted.toMs - fitted.fromMs;
  await timeline.press('+', '+');
  await expect.poll(async () => { const w = await timeline.shownWindow(); return Math.round(((w.toMs - w.fromMs) / span) * 100); }).toBe(25);
  await page.screenshot({ path: testInfo.outputPath('timeline-waterfall-zoomed.png') });
  await timeline.press('-');
  await expect.poll(async () => { const w = await timeline.shownWindow(); return Math.round(((w.toMs - w.fromMs) / span) * 100); }).toBe(50);
  await timeline.press('ArrowDown');
  await expect(timeline.announcement).toContainText('Selected step');
  await timeline.press('0');
  await expect.poll(async () => (await timeline.shownWindow()).toMs - (await timeline.shownWindow()).fromMs).toBe(span);

  // Export the window's runs from the timeline: the file holds exactly the runs SQL finds in it.
  await timeline.backButton.click();
  await timeline.waitForDrawn();
  await dialog.openFrom(timeline.exportButton);
  expect(await dialog.exactCount()).toBe(inWindow.length);
  await expect(dialog.filters).toContainText([/^time /]);
  const download = await dialog.exportAndDownload();
  const records: string[][] = parse(fs.readFileSync(await download.path(), 'utf8'));
  const [header = [], ...rows] = records;
  const idAt = header.indexOf('run_id');
  expect(idAt).toBeGreaterThanOrEqual(0);
  expect(rows.map((r) => r[idAt]).sort()).toEqual(inWindow.map((r) => r.id).sort());
});

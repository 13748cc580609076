import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LoadProblemsPage } from './pages/load-problems-page';
import { RunsPage } from './pages/runs-page';
import { StartPage } from './pages/start-page';
import { expect, test } from './fixtures/server';

const FIXTURES = '/work/shared/fixtures/real';
const APPLES = path.join(FIXTURES, 'marquez/api/src/test/resources/apples');
const CONTEXT = path.join(FIXTURES, 'ddeutil-workflow/tests/conf/context');

/**
 * Writes a JSON folder big enough that opening it takes seconds: `files` NDJSON files of
 * `perFile` OpenLineage events each, all different so the cache cannot be reused.
 */
function writeBigFolder(files: number, perFile: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-e2e-big-'));
  for (let f = 0; f < files; f++) {
    const lines: string[] = [];
    for (let i = 0; i < perFile; i++) {
      const n = f * perFile + i;
      lines.push(JSON.stringify({
        eventType: i % 2 === 0 ? 'START' : 'COMPLETE',
        eventTime: new Date(Date.UTC(2024, 0, 1) + n * 1_000).toISOString(),
        run: { runId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` },
        job: { namespace: 'e2e', name: `job_${i % 50}` },
        inputs: [{ namespace: 'src', name: `in_${i % 7}` }],
        outputs: [{ namespace: 'dst', name: `out_${i % 9}` }],
        producer: 'https://example.test/auditlens-e2e',
      }));
    }
    fs.writeFileSync(path.join(dir, `events-${String(f).padStart(3, '0')}.ndjson`), `${lines.join('\n')}\n`);
  }
  return dir;
}

test('open JSON folders by path: OpenLineage runs, then a folder with a broken file shows its load problem', async ({ page, appUrl }, testInfo) => {
  const start = new StartPage(page);
  const runs = new RunsPage(page);
  const problems = new LoadProblemsPage(page);
  await start.goto(appUrl);

  await start.openPath(APPLES);
  await expect(page.getByTestId('explorer')).toBeVisible();
  await expect(page.getByTestId('store-title')).toHaveText('apples');
  await expect(runs.view).toHaveAttribute('data-format', 'openlineage');
  await runs.waitForRows();
  await expect(problems.badge).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('apples-runs.png') });

  await page.getByTestId('close-store').click();
  await start.openPath(CONTEXT);
  await expect(page.getByTestId('store-title')).toHaveText('context');
  await expect(problems.badge).toHaveText(/^⚠ 1 load problem$/);
  await expect(problems.badge).toHaveAttribute('data-count', '1');
  await problems.open();
  await expect(problems.items).toHaveCount(1);
  const item = problems.items.first();
  // The path is shown relative to the store's folder; the message says what and where.
  await expect(item.locator('.problem-path')).toHaveText('jobs_strategies_failed.json');
  await expect(item).toContainText('trailing comma');
  await expect(item).toContainText('line 30');
  await page.screenshot({ path: testInfo.outputPath('load-problems.png') });

  await problems.filter.fill('no such text');
  await expect(problems.items).toHaveCount(0);
  await problems.filter.fill('TRAILING');
  await expect(problems.items).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(problems.panel).toBeHidden();

  // Reopening from the recent list goes through the same tracked open.
  await page.getByTestId('close-store').click();
  await start.recentStores.filter({ hasText: 'context' }).click();
  await expect(page.getByTestId('store-title')).toHaveText('context');
  await expect(problems.badge).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('error-bar')).toHaveCount(0);
});

test('a big JSON folder shows its reading progress, and Cancel returns to the start screen', async ({ page, appUrl }, testInfo) => {
  test.setTimeout(120_000);
  const dir = writeBigFolder(300, 2_000);
  try {
    const start = new StartPage(page);
    await start.goto(appUrl);
    await start.openPath(dir);

    await expect(start.progressCard).toBeVisible();
    await expect(start.progressText).toContainText(/Reading \d[\d,]* \/ 300 files · [\d,]+ records · [\d.,]+ MiB of [\d.,]+ MiB/);
    await expect(start.progressCard.getByRole('progressbar')).toHaveAttribute('aria-valuenow', /\d/);
    await page.screenshot({ path: testInfo.outputPath('open-progress.png') });

    await start.cancelOpenButton.click();
    await expect(start.progressCard).toBeHidden();
    await expect(start.root).toBeVisible();
    await expect(page.getByTestId('explorer')).toHaveCount(0);
    // Cancelling is the user's choice: no error under the field, none in the error bar.
    await expect(start.openError).toHaveCount(0);
    await expect(page.getByTestId('error-bar')).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('open-cancelled.png') });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

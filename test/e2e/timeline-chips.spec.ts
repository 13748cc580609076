import { sqlRows } from './fixtures/demo-sql';
import { expect, test } from './fixtures/server';
import { RunsPage } from './pages/runs-page';
import { StartPage } from './pages/start-page';
import { TimelinePage } from './pages/timeline-page';

const countOf = (demoPath: string, statuses: readonly string[]): number =>
  sqlRows<{ n: number }>(demoPath, `SELECT count(*) AS n FROM dbt_audit_summary WHERE status IN (${statuses.map(() => '?').join(', ')})`, ...statuses)[0]?.n ?? -1;

test('editing a filter chip in the timeline keeps the timeline on screen and redraws it with the edited filter', async ({ page, appUrl, demoPath }) => {
  const start = new StartPage(page);
  const runs = new RunsPage(page);
  const timeline = new TimelinePage(page);

  await start.goto(appUrl);
  await start.openDemo();
  await runs.open();
  await runs.chooseFormat('dbt-audit');
  await runs.showOnlyStatus('failed');

  await timeline.open();
  await timeline.waitForDrawn();
  await expect(timeline.chips).toHaveCount(1);
  await expect(timeline.view).toHaveAttribute('data-total', String(countOf(demoPath, ['failed', 'error'])));

  // The chip's popover opens over the timeline; adding "skipped" redraws the timeline with both.
  const popover = await timeline.editChip(0);
  await expect(timeline.root).toBeVisible();
  await timeline.addChipValue(popover, 'skipped');
  await expect(timeline.root).toBeVisible();
  await expect(timeline.chips).toHaveCount(1);
  await expect(timeline.chips.first()).toContainText('skipped');
  await expect(timeline.view).toHaveAttribute('data-total', String(countOf(demoPath, ['failed', 'error', 'skipped'])));
});

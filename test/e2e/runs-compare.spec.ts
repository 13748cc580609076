import { RunsPage } from './pages/runs-page';
import { expect, test } from './fixtures/server';

test('compare a failed dbt run with another run of the same model', async ({ page, appUrl }, testInfo) => {
  const runs = new RunsPage(page);
  await runs.openDemoFormat(appUrl, 'dbt-audit');
  await runs.showOnlyStatus('failed');
  const name = (await runs.cell(0, 'run_name').textContent()) ?? '';
  await runs.selectRun(0);
  await runs.openSelectedInTab();

  // The picker lists other runs of this name only, newest first, without the run itself.
  await runs.tabPanel.getByTestId('compare-with').click();
  const picker = page.getByTestId('compare-picker');
  await expect(picker).toContainText(`Compare with another run of ${name}`);
  await expect(picker.getByTestId('compare-choice').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('compare-picker.png') });
  // Escape closes the picker; the tab stays.
  await page.keyboard.press('Escape');
  await expect(picker).toHaveCount(0);
  await expect(runs.tabPanel).toBeVisible();

  // Compare with a run that did not fail, so at least one step's status differs.
  await runs.tabPanel.getByTestId('compare-with').click();
  const ok = picker.locator('[data-testid="compare-choice"]:has([data-status="ok"])').first();
  await expect(ok).toBeVisible();
  await ok.click();
  const panel = page.getByTestId('compare-panel');
  await expect(panel).toBeVisible();
  await expect(runs.tabs).toHaveCount(3);

  const headline = panel.getByTestId('compare-headline');
  await expect(headline.locator('tr[data-column="run_name"] td').nth(0)).toHaveText(name);
  await expect(headline.locator('tr[data-column="run_name"] td').nth(1)).toHaveText(name);
  await expect(headline.locator('tr[data-column="status"] td').nth(0).getByTestId('status')).toHaveAttribute('data-status', 'failed');
  await expect(headline.locator('tr[data-column="status"] td').nth(1).getByTestId('status')).toHaveAttribute('data-status', 'ok');

  const steps = panel.getByTestId('compare-step');
  await expect(steps.first()).toBeVisible();
  const differing = panel.locator('[data-testid="compare-step"].cmp-status');
  expect(await differing.count()).toBeGreaterThanOrEqual(1);
  await expect(panel.getByTestId('compare-summary')).toContainText(/\d+ steps? · /);
  await page.screenshot({ path: testInfo.outputPath('compare.png') });

  // "Only differences" keeps exactly the coloured rows.
  const coloured = await panel.locator('[data-testid="compare-step"]:is(.cmp-status, .cmp-duration)').count();
  await panel.getByTestId('compare-only-differences').check();
  await expect(steps).toHaveCount(coloured);
  await expect(runs.errorBar).toHaveCount(0);
});

test('cross-run filters: "any step failed" is a chip with the column chips and narrows the runs', async ({ page, appUrl }, testInfo) => {
  const runs = new RunsPage(page);
  await runs.openDemoFormat(appUrl, 'dbt-audit');
  const all = await runs.exactRunCount();

  await runs.crossToggle('any-step-failed').click();
  await expect(runs.crossToggle('any-step-failed')).toHaveAttribute('aria-pressed', 'true');
  await expect(runs.filterChips).toHaveCount(1);
  await expect(runs.filterChips.first()).toHaveText(/Any step failed/);
  const withFailedStep = await runs.exactRunCount();
  expect(withFailedStep).toBeGreaterThan(0);
  expect(withFailedStep).toBeLessThan(all);

  await runs.crossToggle('slower-than-median').click();
  await expect(runs.filterChips).toHaveCount(2);
  const slower = await runs.exactRunCount();
  expect(slower).toBeLessThan(withFailedStep);
  await page.screenshot({ path: testInfo.outputPath('cross-filters.png') });

  // The facets follow the cross-run filters too.
  await expect.poll(() => runs.facetTotal('status')).toBe(slower);

  // Removing a chip switches its toggle off.
  await runs.filterChips.filter({ hasText: 'Any step failed' }).getByRole('button', { name: /Remove filter/ }).click();
  await expect(runs.crossToggle('any-step-failed')).toHaveAttribute('aria-pressed', 'false');
  await expect(runs.filterChips).toHaveCount(1);
  await page.getByTestId('toggle-slower-than-median').click();
  await expect(runs.filterChips).toHaveCount(0);
  expect(await runs.exactRunCount()).toBe(all);
  await expect(runs.errorBar).toHaveCount(0);
});

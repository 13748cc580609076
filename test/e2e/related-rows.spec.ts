import { ExplorerPage } from './pages/explorer-page';
import { RelatedLinks } from './pages/related-links';
import { StartPage } from './pages/start-page';
import { sqlRows } from './fixtures/demo-sql';
import { expect, test } from './fixtures/server';

test('a foreign-key value is a link that opens the related row', async ({ page, appUrl, demoPath }, testInfo) => {
  const start = new StartPage(page);
  const explorer = new ExplorerPage(page);
  const links = new RelatedLinks(page);

  await start.goto(appUrl);
  await start.openDemo();
  await explorer.openTable('transformation_operation');
  // transformation_operation.session_id is declared as a foreign key to transformation_session.id.
  const link = links.link(0, 'session_id');
  await expect(link).toBeVisible();
  const sessionId = (await link.textContent()) ?? '';
  const expected = sqlRows<{ n: number }>(demoPath, 'SELECT count(*) AS n FROM transformation_session WHERE id = ?', sessionId)[0]?.n;
  expect(expected).toBe(1);
  await page.screenshot({ path: testInfo.outputPath('fk-link.png') });

  await link.click();
  await expect(links.tableView('transformation_session')).toBeVisible();
  await expect(explorer.filterChips).toHaveCount(1);
  await expect(explorer.rowCount).toHaveAttribute('data-value', String(expected));
  await expect(explorer.gridRow(0).locator('[col-id="id"]')).toHaveText(sessionId);
  await page.screenshot({ path: testInfo.outputPath('fk-opened.png') });
});

import { ExplorerPage } from './pages/explorer-page';
import { RelatedLinks } from './pages/related-links';
import { RunsPage } from './pages/runs-page';
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

test('copy selected rows as Markdown and a cell with Ctrl+C, as the grid shows them', async ({ page, appUrl, demoPath, context }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const start = new StartPage(page);
  const explorer = new ExplorerPage(page);
  const links = new RelatedLinks(page);
  const expected = sqlRows<{ id: number; operation_type: string }>(demoPath, 'SELECT id, operation_type FROM transformation_operation ORDER BY rowid LIMIT 2');

  await start.goto(appUrl);
  await start.openDemo();
  await explorer.openTable('transformation_operation');
  await links.cell(0, 'operation_type').click();
  await links.cell(1, 'operation_type').click({ modifiers: ['Control'] });
  await links.cell(1, 'operation_type').click({ button: 'right' });
  await expect(links.copyMenu).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('copy-menu.png') });
  await links.copyMenu.getByTestId('copy-rows-markdown').click();
  await expect(links.copyNote).toHaveText('Copied 2 rows as Markdown');
  const markdown = await links.clipboard();
  const lines = markdown.split('\n');
  expect(lines).toHaveLength(4);
  expect(lines[0]?.startsWith('| id | session_id | operation_type |')).toBe(true);
  expect(lines.slice(2).map((l) => l.split(' | ').slice(0, 3).map((x) => x.replace(/^\| /, '')))).toEqual(
    expected.map((r) => [String(r.id), expect.any(String), r.operation_type]),
  );

  // Ctrl+C on one focused cell copies just its text.
  await links.cell(0, 'operation_type').click();
  await page.keyboard.press('Control+c');
  await expect(links.copyNote).toHaveText('Copied the cell');
  expect(await links.clipboard()).toBe(expected[0]?.operation_type);
});

test('an invocation id in the runs grid leads to the runs of that invocation', async ({ page, appUrl, demoPath }, testInfo) => {
  const runs = new RunsPage(page);
  const links = new RelatedLinks(page);

  await runs.openDemoFormat(appUrl, 'dbt-audit');
  await links.showRunColumn('dbt_audit_summary.invocation_id');
  const link = links.runLink(0, 'dbt_audit_summary.invocation_id');
  const invocation = (await link.textContent()) ?? '';
  const expected = sqlRows<{ n: number }>(demoPath, 'SELECT count(*) AS n FROM dbt_audit_summary WHERE invocation_id = ?', invocation)[0]?.n;
  expect(expected).toBeGreaterThan(1);
  await link.click();
  await expect(runs.filterChips).toHaveCount(1);
  expect(await runs.exactRunCount()).toBe(expected);
  await page.screenshot({ path: testInfo.outputPath('invocation-runs.png') });
});

import { ExplorerPage } from './pages/explorer-page';
import { StartPage } from './pages/start-page';
import { expect, test } from './fixtures/server';

test('hostile cell text renders as text in the grid and the row detail', async ({ page, appUrl }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const start = new StartPage(page);
  const explorer = new ExplorerPage(page);
  await start.goto(appUrl);
  await start.openDemo();
  await explorer.openTable('dbt_audit_summary');

  await explorer.filterColumnText('custom_message', 'eq', '<img src=x onerror=alert(1)>');
  expect(await explorer.exactRowCount()).toBeGreaterThan(0);
  await explorer.revealColumn('custom_message');
  await expect(explorer.cell(0, 'custom_message')).toHaveText('<img src=x onerror=alert(1)>');
  await explorer.openRowDetail(0);
  await expect(explorer.detailValue('custom_message')).toHaveText('<img src=x onerror=alert(1)>');

  await expect(page.locator('img')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('JSON text in the row detail is pretty-printed', async ({ page, appUrl }) => {
  const start = new StartPage(page);
  const explorer = new ExplorerPage(page);
  await start.goto(appUrl);
  await start.openDemo();
  await explorer.openTable('transformation_operation');
  await explorer.openRowDetail(0);
  const json = explorer.rowDetail.getByTestId('detail-json').first();
  await expect(json).toBeVisible();
  expect(await json.textContent()).toMatch(/^[[{]\n {2}/);
});

test('a failed call shows code and message in a dismissable error bar', async ({ page, appUrl }) => {
  const start = new StartPage(page);
  const explorer = new ExplorerPage(page);
  await start.goto(appUrl);
  await start.openDemo();
  await page.route('**/api/table.count', (route) => route.abort('connectionrefused'));
  await explorer.openTable('dbt_audit_log');

  await expect(explorer.errorBar).toBeVisible();
  const item = explorer.errorItems().first();
  await expect(item).toHaveAttribute('data-code', 'io');
  await expect(item).toContainText('Auditlens is not reachable');
  // The rows still load: one failed call does not blank the screen.
  await expect(explorer.gridRows().first()).toBeVisible();
  await item.getByRole('button', { name: 'Dismiss this error' }).click();
  await expect(explorer.errorBar).toBeHidden();
});

test('inside Electron the start screen opens stores through the dialog, also with Ctrl+O', async ({ page, appUrl }) => {
  const token = new URL(appUrl).hash.replace('#token=', '');
  // Stand-in for the preload bridge: the same contract, answered by the loopback server, with
  // the dialog replaced by the demo store.
  await page.addInitScript((t: string) => {
    const post = async (name: string, input: unknown): Promise<unknown> => {
      const r = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-auditlens-token': t },
        body: JSON.stringify(input),
      });
      return r.json();
    };
    Object.defineProperty(window, 'auditlens', {
      value: {
        invoke: async (name: string, input: unknown) => {
          if (name === 'app.info') {
            return { ok: true, value: { version: 'test', mode: 'electron', canPickFiles: true } };
          }
          return post(name === 'stores.openDialog' ? 'stores.openDemo' : name, name === 'stores.openDialog' ? {} : input);
        },
      },
    });
  }, token);
  const start = new StartPage(page);
  await start.goto(appUrl);
  await expect(page.getByTestId('open-dialog')).toBeVisible();
  await expect(start.pathField).toHaveCount(0);
  await page.keyboard.press('Control+o');
  await expect(page.getByTestId('explorer')).toBeVisible();
});

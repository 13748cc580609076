import { ExplorerPage } from './pages/explorer-page';
import { ShellPage } from './pages/shell-page';
import { StartPage } from './pages/start-page';
import { expect, test } from './fixtures/server';

const DARK_BG = 'rgb(22, 24, 29)';
const LIGHT_BG = 'rgb(255, 255, 255)';

test('the theme follows the operating system, and the grid follows it', async ({ page, appUrl }, testInfo) => {
  const start = new StartPage(page);
  const explorer = new ExplorerPage(page);
  const shell = new ShellPage(page);

  await page.emulateMedia({ colorScheme: 'dark' });
  await start.goto(appUrl);
  await expect.poll(() => shell.theme()).toEqual({ app: 'dark', grid: 'dark' });
  expect(await shell.pageBackground()).toBe(DARK_BG);

  await start.openDemo();
  await explorer.openTable('dbt_audit_summary');
  await explorer.waitForRows();
  const dark = await shell.gridColours(explorer.grid);
  expect(dark.background).toBe(DARK_BG);
  expect(dark.text).toBe('rgb(230, 232, 235)');
  await page.screenshot({ path: testInfo.outputPath('table-dark.png') });

  // The OS switches to light while the app runs: the app and the grid switch with it.
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => shell.theme()).toEqual({ app: 'light', grid: 'light' });
  expect(await shell.pageBackground()).toBe(LIGHT_BG);
  await expect.poll(async () => (await shell.gridColours(explorer.grid)).background).toBe(LIGHT_BG);
  await page.screenshot({ path: testInfo.outputPath('table-light.png') });
});

test('a theme chosen in the settings wins over the OS and is kept', async ({ page, appUrl }) => {
  const start = new StartPage(page);
  const shell = new ShellPage(page);

  await page.emulateMedia({ colorScheme: 'dark' });
  await start.goto(appUrl);
  await expect.poll(() => shell.theme()).toEqual({ app: 'dark', grid: 'dark' });

  await shell.settingsButton.click();
  await expect(shell.themeChoice('system')).toHaveAttribute('aria-pressed', 'true');
  await expect(shell.reopenLastStore).not.toBeChecked();
  await shell.themeChoice('light').click();
  await expect.poll(() => shell.theme()).toEqual({ app: 'light', grid: 'light' });
  expect(await shell.pageBackground()).toBe(LIGHT_BG);
  await shell.closeSettings();

  // Kept across a restart of the window; the OS still prefers dark.
  await shell.reopenWindow(appUrl);
  await start.root.waitFor();
  await expect.poll(() => shell.theme()).toEqual({ app: 'light', grid: 'light' });

  // Back to following the OS, from the keyboard.
  await shell.openSettingsByKey();
  await shell.themeChoice('system').click();
  await expect.poll(() => shell.theme()).toEqual({ app: 'dark', grid: 'dark' });
});

test('reopens the last store on start only when the setting asks for it', async ({ page, appUrl }) => {
  const start = new StartPage(page);
  const shell = new ShellPage(page);

  await start.goto(appUrl);
  await start.openDemo();
  // Off by default: a new window starts on the start screen.
  await shell.reopenWindow(appUrl);
  await start.root.waitFor();
  await expect(start.recentStores).toHaveCount(1);
  await expect(page.getByTestId('explorer')).toHaveCount(0);

  await shell.settingsButton.click();
  await shell.reopenLastStore.check();
  await shell.closeSettings();
  await shell.reopenWindow(appUrl);
  await expect(page.getByTestId('store-title')).toHaveText(/auditlens-demo/);
});

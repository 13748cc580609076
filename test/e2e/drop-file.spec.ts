import { ShellPage } from './pages/shell-page';
import { StartPage } from './pages/start-page';
import { expect, test } from './fixtures/server';

test('in browser mode a dropped file gets one sentence pointing to the path field, and nothing opens', async ({ page, appUrl }) => {
  const start = new StartPage(page);
  const shell = new ShellPage(page);
  await start.goto(appUrl);

  // Dragging files over the window shows where they would go.
  await shell.dragFileOver('audit.db');
  await expect(shell.dropOverlay).toBeVisible();
  await expect(shell.dropOverlay).toHaveText('Drop a SQLite database, a JSON audit log or a folder to open it');

  await shell.dropFile('audit.db');
  await expect(shell.dropOverlay).toHaveCount(0);
  await expect(shell.errorBar).toContainText(
    'In browser mode a dropped file comes without its location on disk; type its path in the “Open a file” field instead.',
  );
  await expect(shell.errorBar.getByTestId('error-item')).toHaveAttribute('data-code', 'unsupported');
  // The page did not navigate to the file, and the start screen with its path field is still there.
  expect(new URL(page.url()).pathname).toBe('/');
  await expect(start.root).toBeVisible();
  await expect(start.pathField).toBeVisible();
});

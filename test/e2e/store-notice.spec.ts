import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ExplorerPage } from './pages/explorer-page';
import { LoadProblemsPage } from './pages/load-problems-page';
import { StartPage } from './pages/start-page';
import { expect, test } from './fixtures/server';

// Issue 14 leftover: a WAL store read from a private copy lost nothing, so the store bar says so
// in a muted info line and shows no red "load problem" badge.
test('a WAL store read from a private copy shows an info line, not a load problem', async ({ page, appUrl }, testInfo) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-e2e-wal-'));
  const store = path.join(dir, 'audit.db');
  // Closed cleanly: WAL in the header, no -wal or -shm beside it, so the app reads a private copy.
  const db = new Database(store);
  db.pragma('journal_mode = WAL');
  db.exec("CREATE TABLE events (id INTEGER PRIMARY KEY, kind TEXT); INSERT INTO events (kind) VALUES ('start'), ('end')");
  db.close();
  try {
    const start = new StartPage(page);
    const explorer = new ExplorerPage(page);
    const problems = new LoadProblemsPage(page);
    await start.goto(appUrl);
    await start.openPath(store);
    await expect(explorer.root).toBeVisible();
    await expect(problems.notices).toHaveCount(1);
    await expect(problems.notices).toContainText(/^A WAL store without its index \(-shm\): read from a private copy/);
    await expect(problems.notices).toHaveAttribute('title', new RegExp(`^${store.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: a WAL store`));
    await expect(problems.badge).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('store-notice.png') });
    expect(fs.readdirSync(dir)).toEqual(['audit.db']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

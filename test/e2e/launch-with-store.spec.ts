import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ExplorerPage } from './pages/explorer-page';
import { expect, startServer, test } from './fixtures/server';

// What `npm start` does in browser mode: serve with the demo store already open.
test('launched on the demo store, the app opens straight into its tables', async ({ page, demoPath }) => {
  void demoPath;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-e2e-launch-'));
  const server = await startServer(['--demo'], dataDir);
  try {
    await page.goto(server.url);
    const explorer = new ExplorerPage(page);
    await expect(explorer.root).toBeVisible();
    // The demo holds known audit formats, so the app lands on their runs.
    await expect(page.getByTestId('mode-runs')).toHaveAttribute('aria-pressed', 'true');
    await explorer.showTables();
    for (const table of ['dbt_audit_summary', 'dbt_audit_detail', 'audits', 'log', 'transformation_session']) {
      await expect(explorer.tableItem(table)).toBeVisible();
    }
    await explorer.openTable('dbt_audit_log');
    expect(await explorer.exactRowCount()).toBeGreaterThan(0);
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

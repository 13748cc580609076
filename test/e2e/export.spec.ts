import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import { ExplorerPage } from './pages/explorer-page';
import { ExportDialogPage } from './pages/export-dialog-page';
import { StartPage } from './pages/start-page';
import { sqlRows } from './fixtures/demo-sql';
import { expect, test } from './fixtures/server';


/** A cell a spreadsheet would run as a formula: what safe mode must never write. */
const FORMULA_LIKE = /^(?:[=+@]|-\D)/;

test('export the filtered dbt_audit_summary as CSV: the visible columns, every matching row, safe cells, provenance', async ({ page, appUrl, demoPath }, testInfo) => {
  const start = new StartPage(page);
  const explorer = new ExplorerPage(page);
  const dialog = new ExportDialogPage(page);
  const [{ n: expectedRows }] = sqlRows<{ n: number }>(demoPath, "SELECT count(*) AS n FROM dbt_audit_summary WHERE status='failed'") as [{ n: number }];
  const allColumns = sqlRows<{ name: string }>(demoPath, 'PRAGMA table_info(dbt_audit_summary)').map((c) => c.name);
  const visible = allColumns.filter((c) => c !== 'run_by_user');
  expect(expectedRows).toBeGreaterThan(0);

  await start.goto(appUrl);
  await start.openDemo();
  await explorer.openTable('dbt_audit_summary');
  await explorer.filterColumnEquals('status', 'failed');
  await explorer.hideColumn('run_by_user');
  const gridCount = await explorer.exactRowCount();
  expect(gridCount).toBe(expectedRows);

  await dialog.open();
  expect(await dialog.exactCount()).toBe(gridCount);
  await expect(dialog.count).toHaveText(`${expectedRows.toLocaleString('en-US')} rows`);
  expect(await dialog.columnNames()).toEqual(visible);
  await expect(dialog.filters).toHaveCount(1);
  await expect(dialog.filters.first()).toHaveText('status = failed');
  await dialog.chooseMode('safe');
  await dialog.setProvenance(true);
  await page.screenshot({ path: testInfo.outputPath('export-dialog.png') });

  const download = await dialog.exportAndDownload();
  expect(download.suggestedFilename()).toBe('dbt_audit_summary.csv');
  await expect(dialog.progress).toHaveAttribute('data-state', 'done');
  await page.screenshot({ path: testInfo.outputPath('export-done.png') });

  const csvPath = await download.path();
  const records = parse(fs.readFileSync(csvPath, 'utf8'), { relaxColumnCount: false });
  const [header, ...rows] = records;
  expect(header).toEqual(visible);
  expect(rows).toHaveLength(expectedRows);
  const statusAt = visible.indexOf('status');
  expect(rows.every((r) => r[statusAt] === 'failed')).toBe(true);
  const unsafe = rows.flat().filter((cell) => FORMULA_LIKE.test(cell));
  expect(unsafe).toEqual([]);
  // The demo holds formula-like messages: safe mode kept them, neutralised with an apostrophe.
  expect(rows.flat().some((cell) => cell.startsWith("'="))).toBe(true);

  const provenanceDownload = await dialog.downloadProvenance();
  expect(provenanceDownload.suggestedFilename()).toBe('dbt_audit_summary.csv.json');
  const provenance = JSON.parse(fs.readFileSync(await provenanceDownload.path(), 'utf8')) as {
    filters: { column: string; op: string; value?: unknown; values?: unknown[] }[];
    rowCount: number;
    view: { columns: string[] };
    options: { mode: string };
  };
  expect(provenance.rowCount).toBe(expectedRows);
  expect(provenance.filters).toHaveLength(1);
  expect(provenance.filters[0]?.column).toBe('status');
  expect(JSON.stringify(provenance.filters[0])).toContain('failed');
  expect(provenance.view.columns).toEqual(visible);
  expect(provenance.options.mode).toBe('safe');

  await dialog.closeButton.click();
  await expect(dialog.root).toBeHidden();
  await expect(explorer.errorBar).toHaveCount(0);
});

test('the export dialog opens with Ctrl+E, remembers its options, and closes with Escape', async ({ page, appUrl }) => {
  const start = new StartPage(page);
  const explorer = new ExplorerPage(page);
  const dialog = new ExportDialogPage(page);
  await start.goto(appUrl);
  await start.openDemo();
  await explorer.openTable('log');

  await page.keyboard.press('Control+e');
  await expect(dialog.root).toBeVisible();
  await expect(dialog.root.getByTestId('export-mode-safe')).toHaveAttribute('aria-pressed', 'true');
  await dialog.chooseMode('raw');
  await dialog.root.getByTestId('export-delimiter-semicolon').click();
  await page.keyboard.press('Escape');
  await expect(dialog.root).toBeHidden();

  // Options are remembered only when an export starts: start one, then reopen.
  await dialog.open();
  await dialog.chooseMode('raw');
  await dialog.root.getByTestId('export-delimiter-semicolon').click();
  const download = await dialog.exportAndDownload();
  const text = fs.readFileSync(await download.path(), 'utf8');
  expect(text.split('\n')[0]).toContain(';');
  await dialog.closeButton.click();
  await dialog.open();
  await expect(dialog.root.getByTestId('export-mode-raw')).toHaveAttribute('aria-pressed', 'true');
  await expect(dialog.root.getByTestId('export-delimiter-semicolon')).toHaveAttribute('aria-pressed', 'true');
  const stored = await page.evaluate(() => window.localStorage.getItem('auditlens.export.options'));
  expect(JSON.parse(stored ?? '{}')).toMatchObject({ safe: false, delimiter: ';' });
  await page.keyboard.press('Escape');
  await expect(dialog.root).toBeHidden();
});

test('inside Electron: a cancelled save dialog goes back quietly, the saved path is shown, a failure says why', async ({ page, appUrl }, testInfo) => {
  const token = new URL(appUrl).hash.replace('#token=', '');
  // Stand-in for the preload bridge, answered by the loopback server. `window.exportScript` says
  // what the save dialog and the job do next, as main would report them in Electron.
  await page.addInitScript((t: string) => {
    const w = window as unknown as { exportScript: string[] };
    w.exportScript = ['cancel-dialog', 'save', 'fail'];
    let current = 'save';
    const post = async (name: string, input: unknown): Promise<{ ok: boolean; value?: Record<string, unknown> }> => {
      const r = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-auditlens-token': t },
        body: JSON.stringify(input),
      });
      return (await r.json()) as { ok: boolean; value?: Record<string, unknown> };
    };
    Object.defineProperty(window, 'auditlens', {
      value: {
        invoke: async (name: string, input: unknown) => {
          if (name === 'app.info') {
            return { ok: true, value: { version: 'test', mode: 'electron', canPickFiles: true, initialStore: null } };
          }
          if (name === 'stores.openDialog') {
            return post('stores.openDemo', {});
          }
          if (name === 'export.start') {
            current = w.exportScript.shift() ?? 'save';
            if (current === 'cancel-dialog') {
              return { ok: true, value: { jobId: null } };
            }
          }
          const r = await post(name, input);
          if (name === 'export.progress' && r.ok && r.value) {
            const v = r.value;
            if (current === 'fail') {
              return { ok: true, value: { ...v, state: 'failed', download: null, path: null, error: { code: 'io', message: 'The disk is full (ENOSPC) while writing /home/me/runs.csv.' } } };
            }
            // In Electron the file went where the user chose, and there is nothing to download.
            return { ok: true, value: { ...v, download: null, path: v.path === null ? null : '/home/me/exports/dbt_audit_log.csv' } };
          }
          return r;
        },
      },
    });
  }, token);
  const start = new StartPage(page);
  const explorer = new ExplorerPage(page);
  const dialog = new ExportDialogPage(page);
  let downloads = 0;
  page.on('download', () => {
    downloads += 1;
  });
  await start.goto(appUrl);
  await page.getByTestId('open-dialog').click();
  await explorer.openTable('dbt_audit_log');
  await dialog.open();

  // The save dialog was cancelled: back to the options, no error.
  await dialog.startButton.click();
  await expect(dialog.startButton).toBeEnabled();
  await expect(dialog.error).toHaveCount(0);

  await dialog.startButton.click();
  await expect(dialog.done).toBeVisible();
  await expect(dialog.root.getByTestId('export-path')).toHaveText('/home/me/exports/dbt_audit_log.csv');
  await expect(dialog.root.getByTestId('export-provenance-path')).toHaveText('/home/me/exports/dbt_audit_log.csv.json');
  await expect(dialog.root.getByTestId('export-download')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('export-electron-saved.png') });

  await dialog.root.getByTestId('export-again').click();
  await dialog.startButton.click();
  await expect(dialog.error).toHaveText('The export failed: The disk is full (ENOSPC) while writing /home/me/runs.csv.');
  await page.screenshot({ path: testInfo.outputPath('export-failed.png') });
  await page.keyboard.press('Escape');
  await expect(dialog.root).toBeHidden();
  expect(downloads).toBe(0);
});

// performance.md S10: renderer long tasks (> 50 ms, wall time) while the app exports a large
// table in browser mode, against the anchor of the same app left idle for as long. Chromium from
// Debian drives the page; the store is the export bench's 2M-row table (run `npm run bench` or the
// export bench first), or the demo store's dbt_audit_detail (294k rows) when that is missing.
// Between the click and the download nothing polls the page, so the test adds no work of its own.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..', '..');
const RUNS = Number(process.env.AUDITLENS_BENCH_RUNS ?? 3);
const BIG = path.join(ROOT, '.bench', 'audit-2000000-v1.db');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Starts `auditlens serve STORE` on a free port; resolves with its URL (token included). */
function serve(store, dataDir) {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/electron/cli.js'), 'serve', ...store, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, AUDITLENS_DATA_DIR: dataDir, AUDITLENS_CACHE_DIR: path.join(dataDir, 'cache') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b) => {
      out += b.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(out);
      if (m) {
        resolve({ url: m[1], stop: () => child.kill('SIGTERM') });
      }
    });
    child.on('exit', (code) => reject(new Error(`auditlens serve exited with ${code}`)));
  });
}

/** Starts collecting long tasks in the page. */
async function observe(page) {
  await page.evaluate(() => {
    window.benchTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.benchTasks.push(e.duration))).observe({ type: 'longtask' });
  });
}

/** The long tasks collected since `observe`, in ms. */
function collected(page) {
  return page.evaluate(() => window.benchTasks.map((d) => Math.round(d)));
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    process.stdout.write(`Skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).\n`);
    return;
  }
  const big = fs.existsSync(BIG);
  const table = big ? 'audit_event' : 'dbt_audit_detail';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-ui-bench-'));
  const server = await serve(big ? [BIG] : ['--demo'], dataDir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const rows = [];
  try {
    const page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
    await page.goto(server.url);
    await page.getByTestId('mode-tables').click();
    await page.getByTestId('table-filter').fill(table);
    await page.locator(`[data-testid="table-item"][data-table="${table}"]`).click();
    await page.locator('[data-testid="grid"] .ag-row[row-index]').first().waitFor();
    for (let i = 0; i < RUNS; i++) {
      await page.getByTestId('export-button').click();
      const dialog = page.getByTestId('export-dialog');
      await dialog.getByTestId('export-count').and(page.locator('[data-value]')).waitFor();
      await observe(page);
      const downloaded = page.waitForEvent('download', { timeout: 600_000 });
      const t0 = performance.now();
      await dialog.getByTestId('export-start').click();
      const download = await downloaded;
      const exportMs = performance.now() - t0;
      const during = await collected(page);
      await fs.promises.rm(await download.path(), { force: true });
      await dialog.getByTestId('export-done').waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      // The anchor: the same page, idle for as long as the export took.
      await observe(page);
      await new Promise((r) => setTimeout(r, exportMs));
      const idle = await collected(page);
      rows.push({ exportMs, during, idle });
    }
  } finally {
    await browser.close();
    server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const fmt = (xs) => (xs.length === 0 ? '0' : `${xs.length} (${xs.join(', ')} ms)`);
  process.stdout.write(`\n### Renderer long tasks during an export (performance.md S10), ${table}, browser mode, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join('/')}\n\n`);
  process.stdout.write('| run | export (s) | long tasks > 50 ms while exporting | idle app, same length (anchor) |\n|---:|---:|---|---|\n');
  rows.forEach((r, k) => process.stdout.write(`| ${k + 1} | ${(r.exportMs / 1000).toFixed(2)} | ${fmt(r.during)} | ${fmt(r.idle)} |\n`));
  process.stdout.write(`\nTarget: 0 long tasks. Median count while exporting: ${median(rows.map((r) => r.during.length))}; idle: ${median(rows.map((r) => r.idle.length))}. Wall time, so a busy machine adds tasks that are waits for a core, not work.\n`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

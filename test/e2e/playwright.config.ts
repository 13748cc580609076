import { defineConfig } from '@playwright/test';

/** The one spec that must run alone: it traces the renderer's tasks during an export. */
const LONG_TASKS = '**/export-long-tasks.spec.ts';

/** End-to-end tests drive Debian's Chromium against browser mode (the loopback bridge). */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // Two workers everywhere; the long-task check (performance.md S10) measures the app, not two
  // tests racing for 2 cores, so it is its own project that runs alone after all the others.
  workers: 2,
  projects: [
    { name: 'e2e', testIgnore: LONG_TASKS },
    { name: 'long-tasks', testMatch: LONG_TASKS, dependencies: ['e2e'], workers: 1 },
  ],
  reporter: process.env.CI ? [['list'], ['json', { outputFile: '../../test-results/e2e-report.json' }]] : 'list',
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    },
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});

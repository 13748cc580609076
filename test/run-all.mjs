// `npm test`: build, type-check, lint, unit + integration tests (Vitest, real SQLite/Postgres/JSON),
// then end-to-end tests (Playwright + Chromium against browser mode). Ends with one summary line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const results = { passed: 0, failed: 0, skipped: 0 };
let failedSteps = [];

function step(name, cmd, args, env = {}) {
  const started = Date.now();
  process.stdout.write(`\n▶ ${name}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  process.stdout.write(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  if (!ok) failedSteps.push(name);
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

fs.mkdirSync('test-results', { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const built = step('build', process.execPath, ['node_modules/.bin/vite', 'build', '--config', 'build/vite.config.mts', '--logLevel', 'warn'])
  && step('build node side', process.execPath, ['build/build-node.mjs'])
  && step('build native CSV formatter', process.execPath, ['build/build-native.mjs']);
// One project per runtime (tsconfig.json references shared, electron, renderer, test).
step('typecheck', npx, ['tsc', '-b']);
step('lint', npx, ['eslint', '.', '--max-warnings', '0']);

fs.rmSync('test-results/vitest.json', { force: true });
// The build steps above ran: global setup need not build again (it still does for a bare `npx vitest`).
step('unit and integration tests', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json'], built ? { AUDITLENS_TEST_BUILT: '1' } : {});
const v = readJson('test-results/vitest.json');
if (v) {
  results.passed += v.numPassedTests ?? 0;
  results.failed += v.numFailedTests ?? 0;
  results.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
} else {
  results.failed += 1;
}

if (built) {
  fs.rmSync('test-results/e2e-report.json', { force: true });
  step('end-to-end tests', npx, ['playwright', 'test', '-c', 'test/e2e/playwright.config.ts', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: path.resolve('test-results/e2e-report.json') });
  const e = readJson('test-results/e2e-report.json');
  if (e?.stats) {
    results.passed += e.stats.expected ?? 0;
    results.failed += (e.stats.unexpected ?? 0) + (e.stats.flaky ?? 0);
    results.skipped += e.stats.skipped ?? 0;
  } else {
    results.failed += 1;
  }
}

if (failedSteps.length > 0) process.stdout.write(`\nFailed steps: ${failedSteps.join(', ')}\n`);
process.stdout.write(`\nTests: ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped\n`);
process.exit(failedSteps.length === 0 && results.failed === 0 ? 0 : 1);

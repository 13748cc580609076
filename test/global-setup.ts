import { execFileSync } from 'node:child_process';

/**
 * Builds the Node side and the native CSV aggregate once, so tests can fork the real SQLite worker
 * and run the real CLI. `npm test` (test/run-all.mjs) has just built both and says so with
 * AUDITLENS_TEST_BUILT=1; a bare `npx vitest` still builds.
 */
export default function setup(): void {
  if (process.env.AUDITLENS_TEST_BUILT === '1') {
    return;
  }
  execFileSync(process.execPath, ['build/build-node.mjs'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['build/build-native.mjs'], { stdio: 'inherit' });
}

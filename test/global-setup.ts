import { execFileSync } from 'node:child_process';

/** Builds the Node side and the native CSV aggregate once, so tests can fork the real SQLite worker and run the real CLI. */
export default function setup(): void {
  execFileSync(process.execPath, ['build/build-node.mjs'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['build/build-native.mjs'], { stdio: 'inherit' });
}

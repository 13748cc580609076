import { execFileSync } from 'node:child_process';

/** Builds the Node side once, so tests can fork the real SQLite worker and run the real CLI. */
export default function setup(): void {
  execFileSync(process.execPath, ['build/build-node.mjs'], { stdio: 'inherit' });
}

// Bundles the Node side (Electron main, preload, CLI, workers) with esbuild. Native and
// Electron modules stay external: they are loaded from node_modules at run time.
import { build } from 'esbuild';
import fs from 'node:fs';

const common = {
  outdir: 'dist/electron',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};
// resvg (timeline pictures as PNG) loads a prebuilt native binary per platform, so it stays external too.
const external = ['electron', 'better-sqlite3', 'pg', 'pg-native', '@resvg/resvg-js'];

const entries = {
  'sqlite-worker': 'electron/sources/sqlite/sqlite-worker.ts',
  'json-parse-worker': 'electron/ingest/json/json-parse-worker.ts',
};
for (const [name, file] of Object.entries({ main: 'electron/main.ts', preload: 'electron/preload.ts' })) {
  if (fs.existsSync(file)) entries[name] = file;
}

await Promise.all([
  build({ ...common, entryPoints: entries, external }),
  // The CLI requires zod from node_modules, and only in the commands that validate with it
  // (--view mappings, inspect, serve): bundled, its 750 KB were compiled at every start-up.
  build({ ...common, entryPoints: { cli: 'electron/cli.ts' }, external: [...external, 'zod'] }),
]);

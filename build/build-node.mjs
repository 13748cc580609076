// Bundles the Node side (Electron main, preload, CLI, workers) with esbuild. Native and
// Electron modules stay external: they are loaded from node_modules at run time.
import { build } from 'esbuild';
import fs from 'node:fs';

const entries = {
  cli: 'electron/cli.ts',
  'sqlite-worker': 'electron/sources/sqlite/sqlite-worker.ts',
  'json-parse-worker': 'electron/sources/json/json-parse-worker.ts',
};
for (const [name, file] of Object.entries({ main: 'electron/main.ts', preload: 'electron/preload.ts' })) {
  if (fs.existsSync(file)) entries[name] = file;
}

await build({
  entryPoints: entries,
  outdir: 'dist/electron',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['electron', 'better-sqlite3', 'pg', 'pg-native'],
  logLevel: 'warning',
});

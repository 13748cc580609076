// Runs every bench in test/bench (`*-bench.mjs`, `*-bench.js`, `*-bench.ts`), one child process
// each, after building the Node side. TypeScript benches are bundled with esbuild first.
// `npm run bench` (bin/bench.js) lands here; `npm run bench -- export` runs only names containing "export".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const filters = process.argv.slice(2);

const build = spawnSync(process.execPath, [path.join(root, 'build', 'build-node.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  process.exit(build.status ?? 1);
}

const benches = fs.readdirSync(here)
  .filter((name) => /-bench\.(mjs|js|ts)$/.test(name) && name !== 'run-bench.mjs')
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();
let failed = 0;
for (const name of benches) {
  let script = path.join(here, name);
  if (name.endsWith('.ts')) {
    const { build: esbuild } = await import('esbuild');
    const outfile = path.join(root, '.bench', 'build', name.replace(/\.ts$/, '.cjs'));
    await esbuild({
      entryPoints: [script], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning',
      external: ['electron', 'better-sqlite3', 'pg', 'pg-native'],
    });
    script = outfile;
  }
  process.stdout.write(`\n## ${name}\n\n`);
  const r = spawnSync(process.execPath, [script], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    process.stderr.write(`${name} failed (exit ${r.status ?? r.signal})\n`);
  }
}
process.exit(failed === 0 ? 0 : 1);

#!/usr/bin/env node
// `npm run bench`: runs every test/bench/*-bench.* file through test/bench/run-bench.mjs.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const runner = path.join(__dirname, '..', 'test', 'bench', 'run-bench.mjs');
const r = spawnSync(process.execPath, [runner, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);

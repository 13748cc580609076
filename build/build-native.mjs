// Builds the native CSV functions (electron/csv/native/*.c) as an SQLite
// loadable extension, against the SQLite headers better-sqlite3 ships. It is optional: without a
// C compiler the build says so and exports format rows in JS (the same bytes, slower).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { forgetNativeFile, recordNativeFile } from './native-manifest.mjs';

const sources = ['electron/csv/native/csv-functions.c', 'electron/csv/native/csv-cells.c'];
const headers = path.join('node_modules', 'better-sqlite3', 'deps', 'sqlite3');
const suffix = process.platform === 'win32' ? '.dll' : process.platform === 'darwin' ? '.dylib' : '.so';
const name = `native/auditlens-csv${suffix}`;
const out = path.join('dist', ...name.split('/'));

fs.mkdirSync(path.dirname(out), { recursive: true });
fs.rmSync(out, { force: true });
const cc = process.env.CC ?? 'cc';
const args = process.platform === 'darwin'
  ? ['-O2', '-fPIC', '-fvisibility=hidden', '-dynamiclib', '-undefined', 'dynamic_lookup', '-I', headers, '-o', out, ...sources]
  : ['-O2', '-fPIC', '-fvisibility=hidden', '-shared', '-Wall', '-Wextra', '-Werror', '-I', headers, '-o', out, ...sources, '-lm'];
const res = process.platform === 'win32' ? { status: 1, error: new Error('not built on Windows yet') } : spawnSync(cc, args, { stdio: 'inherit' });
if (res.status === 0) {
  // The app loads it only if its bytes still hash to this (electron/native/native-manifest.ts).
  recordNativeFile(process.cwd(), name);
} else {
  forgetNativeFile(process.cwd(), name);
  console.warn(`auditlens: the native CSV formatter was not built (${res.error?.message ?? `${cc} exited ${res.status}`}); exports will format rows in JS.`);
}

#!/usr/bin/env node
// `npm start [-- STORE]`: opens Auditlens in Electron when Electron can run here, and otherwise
// in browser mode (`auditlens serve`), which prints the URL to open. Plain CommonJS so it runs
// before anything is built.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const dist = (...parts) => path.join(root, 'dist', ...parts);

function say(line) {
  process.stdout.write(`${line}\n`);
}

/** Runs `npm run build` when a built file we need is missing. */
function ensureBuilt(needed) {
  const missing = needed.filter((f) => !fs.existsSync(f));
  if (missing.length === 0) {
    return;
  }
  say(`Building Auditlens first (${path.relative(root, missing[0])} is missing)…`);
  // Under `npm start`, npm tells us where its own CLI is; otherwise use the npm on PATH.
  const npmCli = process.env.npm_execpath;
  const r = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  const still = needed.filter((f) => !fs.existsSync(f));
  if (r.status !== 0 || still.length > 0) {
    process.stderr.write('auditlens: the build failed; fix the errors above and run `npm start` again.\n');
    process.exit(1);
  }
}

/** Returns the Electron binary when it is installed and runs, or a sentence saying why not. */
function findElectron() {
  if (process.env.AUDITLENS_NO_ELECTRON === '1') {
    return { reason: 'AUDITLENS_NO_ELECTRON=1 is set, so Auditlens opens in browser mode.' };
  }
  let binary;
  try {
    // The electron package's main export is the path of the binary it downloaded.
    binary = require(require.resolve('electron', { paths: [root] }));
  } catch {
    return { reason: 'Electron is not installed (it could not be downloaded here), so Auditlens opens in browser mode.' };
  }
  if (typeof binary !== 'string' || !fs.existsSync(binary)) {
    return { reason: 'The Electron binary is missing (its download failed), so Auditlens opens in browser mode.' };
  }
  // A real start-up (not ELECTRON_RUN_AS_NODE), so a machine without a display or GUI libraries
  // falls back to browser mode instead of failing after the build.
  const probe = spawnSync(binary, ['--version'], { timeout: 10_000, stdio: 'ignore', env: electronEnv() });
  if (probe.status !== 0) {
    return { reason: 'Electron is installed but does not run on this machine, so Auditlens opens in browser mode.' };
  }
  let version;
  try {
    version = require(require.resolve('electron/package.json', { paths: [root] })).version;
  } catch {
    return { reason: 'The Electron package has no version, so Auditlens opens in browser mode.' };
  }
  return { binary, version };
}

/**
 * Makes sure better-sqlite3 is built for this Electron (build/electron-sqlite.mjs: at once when it
 * is cached, otherwise one progress line and a compile); the Node build stays for the CLI.
 * Returns `{ ok }`, or the one sentence saying why it could not be built.
 */
function ensureElectronSqlite(version) {
  const r = spawnSync(process.execPath, [path.join(root, 'build', 'electron-sqlite.mjs'), '--electron', version], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (r.status === 0) {
    return { ok: true };
  }
  const said = String(r.stderr ?? '').trim().split('\n').pop();
  return { ok: false, reason: said || `The SQLite module for Electron ${version} could not be built.` };
}

/** Our environment without ELECTRON_RUN_AS_NODE, which would turn Electron into plain Node. */
function electronEnv() {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

/** Runs Electron with our stdio, passes Ctrl-C and termination on to it, and exits with its code. */
function runElectron(binary, args) {
  const child = spawn(binary, args, { cwd: root, stdio: 'inherit', env: electronEnv() });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function main() {
  // `node bin/start.js -- STORE` passes the separator through; `npm start -- STORE` does not.
  const given = process.argv.slice(2);
  const args = absoluteStore(given[0] === '--' ? given.slice(1) : given);
  const renderer = dist('renderer', 'index.html');
  const found = findElectron();
  if (found.binary) {
    ensureBuilt([dist('electron', 'main.js'), dist('electron', 'preload.js'), dist('electron', 'sqlite-worker.js'), renderer]);
    const sqlite = ensureElectronSqlite(found.version);
    if (sqlite.ok) {
      runElectron(found.binary, [dist('electron', 'main.js'), ...args]);
      return;
    }
    say(`${sqlite.reason.replace(/\.$/, '')}, so Auditlens opens in browser mode.`);
  } else {
    say(found.reason);
  }
  ensureBuilt([dist('electron', 'cli.js'), dist('electron', 'sqlite-worker.js'), renderer]);
  // With a STORE, serve it; without one, serve the demo store so there is something to explore.
  // The CLI runs in this process, so stopping `npm start` stops the server and its workers too.
  const cli = dist('electron', 'cli.js');
  process.argv = [process.execPath, cli, 'serve', ...args, ...(hasStoreArg(args) ? [] : ['--demo'])];
  require(cli);
}

/** Index of the STORE argument (a positional that is not the value of --port), or -1. */
function storeIndex(args) {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--port') {
      i++;
    } else if (!args[i].startsWith('-')) {
      return i;
    }
  }
  return -1;
}

function hasStoreArg(args) {
  return storeIndex(args) >= 0;
}

/** Makes a relative STORE absolute against the folder `npm start` was typed in (npm runs us in the project root). */
function absoluteStore(args) {
  const i = storeIndex(args);
  if (i < 0) {
    return args;
  }
  const out = [...args];
  out[i] = path.resolve(process.env.INIT_CWD || process.cwd(), args[i]);
  return out;
}

main();

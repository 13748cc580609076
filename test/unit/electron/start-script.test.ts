/**
 * Runs `bin/start.js` for real, in a throwaway copy of the project layout (the built CLI and
 * worker from the global setup, a stub renderer, node_modules linked) so the test neither depends
 * on nor disturbs the shared `dist/`, and never runs a real build.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/serving/csp';

const REPO = path.join(__dirname, '..', '..', '..');
let tmp: string;
let project: string;
const running: ChildProcess[] = [];

/** A stand-in for `npm run build` (start.js runs `node $npm_execpath run build`): restores dist/, or fails. */
const FAKE_NPM = `
const fs = require('node:fs');
const path = require('node:path');
if (process.env.FAKE_BUILD_FAILS === '1') { console.error('fake build failed'); process.exit(1); }
const src = process.env.FAKE_BUILD_FROM;
for (const f of ['cli.js', 'sqlite-worker.js']) fs.copyFileSync(path.join(src, f), path.join(process.cwd(), 'dist', 'electron', f));
console.log('fake build ran ' + process.argv.slice(2).join(' '));
`;

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  // Only what a user's shell would have; none of npm's or Electron's variables leak in.
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SystemRoot']) {
    if (process.env[key] !== undefined) {
      base[key] = process.env[key];
    }
  }
  return {
    ...base,
    AUDITLENS_DATA_DIR: path.join(tmp, 'data'),
    AUDITLENS_CACHE_DIR: path.join(tmp, 'cache'),
    npm_execpath: path.join(tmp, 'fake-npm.js'),
    FAKE_BUILD_FROM: path.join(REPO, 'dist', 'electron'),
    ...extra,
  };
}

interface Started {
  readonly child: ChildProcess;
  readonly lines: string[];
  readonly url: string;
}

/** Starts `node bin/start.js ARGS` and resolves once it prints the browser-mode URL. */
function start(args: string[], extra: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [path.join(project, 'bin', 'start.js'), ...args], { cwd: project, env: env(extra) });
  running.push(child);
  let out = '';
  let errOut = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 60 s; stdout: ${out} stderr: ${errOut}`)), 60_000);
    child.stderr?.on('data', (d: Buffer) => (errOut += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, lines: out.split('\n').filter((l) => l !== ''), url: m[1] });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start.js exited with ${code}; stdout: ${out} stderr: ${errOut}`));
    });
  });
}

/** Runs start.js to completion (for the failure paths). */
function runToExit(args: string[], extra: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runToExitIn(project, args, extra);
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve(child.exitCode);
      return;
    }
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

beforeAll(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-start-')));
  project = path.join(tmp, 'project');
  fs.mkdirSync(path.join(project, 'bin'), { recursive: true });
  fs.mkdirSync(path.join(project, 'dist', 'electron'), { recursive: true });
  fs.mkdirSync(path.join(project, 'dist', 'renderer'), { recursive: true });
  fs.copyFileSync(path.join(REPO, 'bin', 'start.js'), path.join(project, 'bin', 'start.js'));
  fs.copyFileSync(path.join(REPO, 'package.json'), path.join(project, 'package.json'));
  for (const f of ['cli.js', 'sqlite-worker.js']) {
    fs.copyFileSync(path.join(REPO, 'dist', 'electron', f), path.join(project, 'dist', 'electron', f));
  }
  fs.writeFileSync(path.join(project, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Auditlens</title>');
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(tmp, 'fake-npm.js'), FAKE_NPM);
  const db = new Database(path.join(tmp, 'audit.db'));
  db.exec("CREATE TABLE runs (id INTEGER PRIMARY KEY, status TEXT); INSERT INTO runs (status) VALUES ('ok'), ('failed');");
  db.close();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map(stop));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('npm start (bin/start.js)', () => {
  it('falls back to browser mode with AUDITLENS_NO_ELECTRON=1 and serves the demo with the CSP', async () => {
    const s = await start([], { AUDITLENS_NO_ELECTRON: '1' });
    expect(s.lines[0]).toBe('AUDITLENS_NO_ELECTRON=1 is set, so Auditlens opens in browser mode.');
    expect(s.lines.join('\n')).toMatch(/Auditlens is serving .*demo.* at http/);
    const res = await fetch(s.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await res.text()).toContain('<title>Auditlens</title>');
    expect(await stop(s.child)).toBe(0);
    // The first start generates the demo store: 16 s was seen on a slow machine, so wait as long as start() does.
  }, 90_000);

  it('says in one line that Electron is missing, and serves a STORE given after --', async () => {
    // As `npm start -- audit.db` typed in tmp: npm runs us in the project root and sets INIT_CWD.
    const s = await start(['--', 'audit.db'], { INIT_CWD: tmp });
    expect(s.lines[0]).toBe('Electron is not installed (it could not be downloaded here), so Auditlens opens in browser mode.');
    expect(s.lines.filter((l) => /browser mode/.test(l))).toHaveLength(1);
    expect(s.lines.join('\n')).toContain(`Auditlens is serving ${path.join(tmp, 'audit.db')} at http`);
    const res = await fetch(s.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('builds first when dist/ is missing', async () => {
    fs.rmSync(path.join(project, 'dist', 'electron', 'cli.js'));
    const s = await start([], { AUDITLENS_NO_ELECTRON: '1' });
    expect(s.lines).toContain('Building Auditlens first (dist/electron/cli.js is missing)…');
    expect(s.lines).toContain('fake build ran run build');
    expect((await fetch(s.url)).status).toBe(200);
  });

  it('stops with a clear message when the build fails', async () => {
    fs.rmSync(path.join(project, 'dist', 'electron', 'cli.js'));
    const r = await runToExit([], { AUDITLENS_NO_ELECTRON: '1', FAKE_BUILD_FAILS: '1' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the build failed');
    fs.copyFileSync(path.join(REPO, 'dist', 'electron', 'cli.js'), path.join(project, 'dist', 'electron', 'cli.js'));
  });

  it('passes a missing STORE to the CLI, which exits with its error', async () => {
    const r = await runToExit([path.join(tmp, 'nope.db')], { AUDITLENS_NO_ELECTRON: '1' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^auditlens: /m);
  });
});

/**
 * Where Electron is installed: a project whose node_modules has a stand-in `electron` package (its
 * binary a Node script answering `--version` and recording its arguments) and a stand-in node-gyp
 * (npm's `npm_config_node_gyp`) that either fails as it does offline or writes a build.
 */
describe('npm start where Electron is installed', () => {
  let eproject: string;
  const FAKE_ELECTRON_BIN = `#!/usr/bin/env node
if (process.argv[2] === '--version') { console.log('v45.4.1'); process.exit(0); }
require('node:fs').writeFileSync(process.env.FAKE_ELECTRON_RAN, JSON.stringify(process.argv.slice(2)));
`;
  const FAKE_NODE_GYP = `
const fs = require('node:fs');
fs.appendFileSync(process.env.FAKE_GYP_LOG, JSON.stringify({ cwd: process.cwd(), args: process.argv.slice(2) }) + '\\n');
if (process.env.FAKE_GYP_MODE === 'offline') {
  console.error('gyp http GET https://electronjs.org/headers/v45.4.1/node-v45.4.1-headers.tar.gz');
  console.error('gyp ERR! stack Error: getaddrinfo ENOTFOUND electronjs.org');
  process.exit(1);
}
fs.mkdirSync('build/Release', { recursive: true });
fs.writeFileSync('build/Release/better_sqlite3.node', 'a stand-in Electron build');
`;

  beforeAll(() => {
    eproject = path.join(tmp, 'eproject');
    fs.mkdirSync(path.join(eproject, 'bin'), { recursive: true });
    fs.mkdirSync(path.join(eproject, 'build'), { recursive: true });
    fs.mkdirSync(path.join(eproject, 'dist', 'renderer'), { recursive: true });
    fs.copyFileSync(path.join(REPO, 'bin', 'start.js'), path.join(eproject, 'bin', 'start.js'));
    for (const f of ['electron-sqlite.mjs', 'native-manifest.mjs']) {
      fs.copyFileSync(path.join(REPO, 'build', f), path.join(eproject, 'build', f));
    }
    fs.copyFileSync(path.join(REPO, 'package.json'), path.join(eproject, 'package.json'));
    fs.cpSync(path.join(REPO, 'dist', 'electron'), path.join(eproject, 'dist', 'electron'), { recursive: true });
    fs.writeFileSync(path.join(eproject, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Auditlens</title>');
    // Its own node_modules folder (so nothing is written into the repository's), linking each package.
    const modules = path.join(eproject, 'node_modules');
    fs.mkdirSync(modules);
    for (const name of fs.readdirSync(path.join(REPO, 'node_modules'))) {
      if (!name.startsWith('.') && name !== 'electron') {
        fs.symlinkSync(path.join(REPO, 'node_modules', name), path.join(modules, name), 'dir');
      }
    }
    fs.mkdirSync(path.join(modules, 'electron'));
    fs.writeFileSync(path.join(modules, 'electron', 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1', main: 'index.js' }));
    fs.writeFileSync(path.join(modules, 'electron', 'index.js'), "module.exports = require('node:path').join(__dirname, 'electron-bin');");
    fs.writeFileSync(path.join(modules, 'electron', 'electron-bin'), FAKE_ELECTRON_BIN, { mode: 0o755 });
    fs.writeFileSync(path.join(tmp, 'fake-node-gyp.js'), FAKE_NODE_GYP);
  });

  const run = (mode: 'offline' | 'builds'): Record<string, string> => ({
    npm_config_node_gyp: path.join(tmp, 'fake-node-gyp.js'),
    FAKE_GYP_MODE: mode,
    FAKE_GYP_LOG: path.join(tmp, 'gyp.log'),
    FAKE_ELECTRON_RAN: path.join(tmp, 'electron-ran.json'),
  });

  it('says in one sentence why the SQLite module could not be built, then opens browser mode', async () => {
    const child = spawn(process.execPath, [path.join(eproject, 'bin', 'start.js')], { cwd: eproject, env: env(run('offline')) });
    running.push(child);
    let out = '';
    let errOut = '';
    child.stderr.on('data', (d: Buffer) => (errOut += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL; stdout: ${out} stderr: ${errOut}`)), 60_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    const lines = out.split('\n').filter((l) => l !== '');
    expect(lines[0]).toBe(`Building the SQLite module for Electron 45.4.1 (${process.platform}-${process.arch}), once; this takes a minute or two…`);
    expect(lines[1]).toMatch(
      /^The SQLite module for Electron 45\.4\.1 could not be built: node-gyp could not download Electron's headers from https:\/\/electronjs\.org\/headers \(no network access\?\) \(details in .*build\.log\), so Auditlens opens in browser mode\.$/,
    );
    expect(lines.filter((l) => /browser mode/.test(l))).toHaveLength(1);
    expect(errOut).not.toMatch(/\n\s+at /);
    expect((await fetch(url)).status).toBe(200);
    expect(fs.existsSync(path.join(tmp, 'electron-ran.json'))).toBe(false);
    // node-gyp ran on a copy of the sources, against Electron's headers, not in node_modules/better-sqlite3.
    const gyp = JSON.parse(fs.readFileSync(path.join(tmp, 'gyp.log'), 'utf8').trim().split('\n')[0] ?? '{}') as { cwd: string; args: string[] };
    expect(gyp.args).toEqual(expect.arrayContaining(['rebuild', '--release', '--target=45.4.1', `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers']));
    expect(gyp.cwd).toBe(path.join(eproject, 'node_modules', '.cache', 'auditlens-electron-sqlite', `45.4.1-${process.platform}-${process.arch}`));
  }, 90_000);

  it('builds the module once, records it, and launches Electron with the store', async () => {
    fs.rmSync(path.join(tmp, 'gyp.log'), { force: true });
    const first = await runToExitIn(eproject, ['--', 'audit.db'], { ...run('builds'), INIT_CWD: tmp });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Building the SQLite module for Electron 45.4.1');
    expect(JSON.parse(fs.readFileSync(path.join(tmp, 'electron-ran.json'), 'utf8'))).toEqual([path.join(eproject, 'dist', 'electron', 'main.js'), path.join(tmp, 'audit.db')]);
    const bsq = (JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')) as { version: string }).version;
    const name = `native/electron/better-sqlite3-${bsq}-electron-45.4.1-${process.platform}-${process.arch}.node`;
    const manifest = JSON.parse(fs.readFileSync(path.join(eproject, 'dist', 'native-files.json'), 'utf8')) as { files: Record<string, string> };
    expect(manifest.files[name]).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.readFileSync(path.join(eproject, 'dist', ...name.split('/')), 'utf8')).toBe('a stand-in Electron build');

    // The second start finds it in the cache: no compile, no progress line.
    const second = await runToExitIn(eproject, [], run('builds'));
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('');
    expect(fs.readFileSync(path.join(tmp, 'gyp.log'), 'utf8').trim().split('\n')).toHaveLength(1);
  }, 90_000);
});

/** Runs start.js of `dir` to completion. */
function runToExitIn(dir: string, args: string[], extra: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.join(dir, 'bin', 'start.js'), ...args], { cwd: dir, env: env(extra) });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

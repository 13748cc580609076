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
  const child = spawn(process.execPath, [path.join(project, 'bin', 'start.js'), ...args], { cwd: project, env: env(extra) });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
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

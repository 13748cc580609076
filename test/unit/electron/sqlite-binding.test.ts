/**
 * Which better-sqlite3 addon loads where: the choice itself, then the real SQLite worker run the
 * way Electron runs it (a utility process whose `process.versions.electron` is set, through the
 * app's utilityProcess spawner and WorkerHost), logging every native addon it loads.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNativeFile, readNativeManifest } from '../../../electron/native/native-manifest';
import { chooseSqliteBinding, currentSqliteRuntime, electronSqliteName } from '../../../electron/native/sqlite-binding';
import { utilityWorkerSpawner } from '../../../electron/shell/utility-worker';
import { WorkerHost } from '../../../electron/workers/worker-host';
import type { WorkerRequest } from '../../../electron/sources/sqlite/worker-protocol';
import type { WorkerExportResult } from '../../../electron/sources/sqlite/worker-protocol';
import { AuditlensError } from '../../../shared/api/result';
import { nodeUtilityProcess } from './node-utility-process';

const REPO = path.join(__dirname, '..', '..', '..');
const NODE_BUILD = fs.realpathSync(path.join(REPO, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));
const ELECTRON = '45.4.1';
const BSQ = currentSqliteRuntime().betterSqlite3;
const ROWS = 200_000;

let tmp: string;
let project: string;
let db: string;

/** A project layout like an installed app's: package.json, the bundled worker, dist/native and its manifest. */
function makeProject(dir: string): void {
  fs.mkdirSync(path.join(dir, 'dist', 'electron'), { recursive: true });
  fs.copyFileSync(path.join(REPO, 'package.json'), path.join(dir, 'package.json'));
  fs.copyFileSync(path.join(REPO, 'dist', 'electron', 'sqlite-worker.js'), path.join(dir, 'dist', 'electron', 'sqlite-worker.js'));
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.cpSync(path.join(REPO, 'dist', 'native'), path.join(dir, 'dist', 'native'), { recursive: true });
  fs.copyFileSync(path.join(REPO, 'dist', 'native-files.json'), path.join(dir, 'dist', 'native-files.json'));
}

/** Puts an "Electron build" (a copy of the Node one: this machine has no Electron) where the app looks, recorded in the manifest. */
function addElectronBuild(dir: string): string {
  const name = electronSqliteName({ electron: ELECTRON, platform: process.platform, arch: process.arch, betterSqlite3: BSQ });
  const file = path.join(dir, 'dist', ...name.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.copyFileSync(NODE_BUILD, file);
  const manifestFile = path.join(dir, 'dist', 'native-files.json');
  const manifest = readNativeManifest(manifestFile);
  const hash = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  fs.writeFileSync(manifestFile, JSON.stringify({ files: { ...manifest.files, [name]: hash } }));
  return fs.realpathSync(file);
}

/** Starts the project's worker as a utility process on `dbFile`; returns its host and the addons it loaded. */
function worker(dir: string, electronVersion: string | undefined): { host: WorkerHost<WorkerRequest>; loaded: () => string[] } {
  const log = path.join(dir, `dlopen-${crypto.randomUUID()}.log`);
  const spawn = utilityWorkerSpawner({ utilityProcess: nodeUtilityProcess({ electronVersion, dlopenLog: log }) });
  const host = new WorkerHost<WorkerRequest>({ spawn, script: path.join(dir, 'dist', 'electron', 'sqlite-worker.js'), setup: { op: 'open', path: db, busyTimeoutMs: 1_000, exportThreads: true }, name: 'SQLite worker' });
  const loaded = (): string[] => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter((l) => l.endsWith('better_sqlite3.node') || l.includes('better-sqlite3-')) : []);
  return { host, loaded };
}

beforeAll(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-binding-')));
  project = path.join(tmp, 'project');
  makeProject(project);
  db = path.join(tmp, 'audit.db');
  const d = new Database(db);
  d.exec("CREATE TABLE audit (id INTEGER PRIMARY KEY, status TEXT, n INTEGER); WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 200000) INSERT INTO audit SELECT i, CASE i % 3 WHEN 0 THEN 'ok' ELSE 'failed' END, i * 7 FROM s;");
  d.close();
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('chooseSqliteBinding', () => {
  const rt = { electron: undefined, platform: 'linux', arch: 'x64', betterSqlite3: '12.9.0' };

  it('leaves Node on better-sqlite3’s own build', () => {
    expect(chooseSqliteBinding(rt, { manifest: '/nonexistent/native-files.json', filesDir: '/nonexistent' })).toBeNull();
  });

  it('names the Electron build by both versions and the machine', () => {
    expect(electronSqliteName({ ...rt, electron: '45.4.1' })).toBe('native/electron/better-sqlite3-12.9.0-electron-45.4.1-linux-x64.node');
  });

  it('says in one sentence that the Electron build is missing', () => {
    const pick = (): unknown => chooseSqliteBinding({ ...rt, electron: '45.4.1' }, { manifest: path.join(tmp, 'none.json'), filesDir: tmp });
    expect(pick).toThrow(AuditlensError);
    expect(pick).toThrow(
      'The SQLite module for Electron 45.4.1 (linux-x64) is missing, so SQLite stores cannot open: run `npm start` to build it, or reinstall Auditlens.',
    );
  });

  it('refuses a build whose SHA-256 differs from the manifest, or that the manifest never recorded', () => {
    const dir = path.join(tmp, 'tampered');
    makeProject(dir);
    const file = addElectronBuild(dir);
    const where = { manifest: path.join(dir, 'dist', 'native-files.json'), filesDir: path.join(dir, 'dist') };
    const here = { ...currentSqliteRuntime(), electron: ELECTRON };
    expect(chooseSqliteBinding(here, where)).toBe(file);
    fs.appendFileSync(file, Buffer.from([0]));
    expect(() => chooseSqliteBinding(here, where)).toThrow(/^Auditlens refused to load .*better-sqlite3-.*\.node because its SHA-256 differs from the one recorded when Auditlens was built; reinstall Auditlens/);
    fs.writeFileSync(where.manifest, JSON.stringify({ files: {} }));
    expect(checkNativeFile(where, electronSqliteName(here)).kind).toBe('unrecorded');
    expect(() => chooseSqliteBinding(here, where)).toThrow(/because it was not recorded when Auditlens was built/);
  });
});

describe('the SQLite worker in a utility process', () => {
  it('loads better-sqlite3’s Node build when there is no Electron', async () => {
    const { host, loaded } = worker(project, undefined);
    try {
      expect(await host.request({ op: 'scalar', sql: 'SELECT count(*) FROM audit', params: [] })).toBe(ROWS);
      expect(loaded()).toEqual([NODE_BUILD]);
    } finally {
      host.close();
    }
  });

  it('gives the missing-build sentence, not a stack trace, under Electron without its build', async () => {
    const { host, loaded } = worker(project, ELECTRON);
    try {
      const error = await host.request({ op: 'scalar', sql: 'SELECT 1', params: [] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuditlensError);
      expect(error).toMatchObject({ code: 'unsupported' });
      expect((error as Error).message).toBe(
        `The SQLite module for Electron ${ELECTRON} (${process.platform}-${process.arch}) is missing, so SQLite stores cannot open: run \`npm start\` to build it, or reinstall Auditlens.`,
      );
      expect(loaded()).toEqual([]);
    } finally {
      host.close();
    }
  });

  it('loads only the Electron build under Electron, in the worker and in its export threads, and the CSV extension with it', async () => {
    const dir = path.join(tmp, 'with-electron-build');
    makeProject(dir);
    const electronBuild = addElectronBuild(dir);
    const { host, loaded } = worker(dir, ELECTRON);
    try {
      expect(await host.request({ op: 'scalar', sql: 'SELECT count(*) FROM audit', params: [] })).toBe(ROWS);
      const out = path.join(tmp, 'export.csv');
      const cols = '"id", "status", "n"';
      const result = await host.request<WorkerExportResult>({
        op: 'export',
        sql: `SELECT ${cols} FROM "audit" ORDER BY rowid`,
        params: [],
        header: ['id', 'status', 'n'],
        tmpPath: out,
        options: {
          safe: true, bom: false, delimiter: ',', eol: '\n', time: 'stored', temporal: [false, false, false],
          byRowid: { sql: `SELECT ${cols} FROM "audit" WHERE rowid > ? AND rowid <= ? ORDER BY rowid`, from: '"audit"', rowid: 'rowid', select: cols, body: '"audit" WHERE rowid > ? AND rowid <= ?' },
        },
      });
      expect(result.rows).toBe(ROWS);
      // The aggregate ran: SQLite loaded the same extension file on connections of the Electron build.
      expect(result.formatter).toBe('native');
      expect(fs.readFileSync(out, 'utf8').split('\n')[1]).toBe('1,failed,7');
      const addons = loaded();
      // The worker and each export thread (their own isolates) loaded it, and nothing else.
      expect(addons.length).toBeGreaterThanOrEqual(2);
      expect(new Set(addons)).toEqual(new Set([electronBuild]));
    } finally {
      host.close();
    }
  });
});

describe('the native CSV extension', () => {
  it.runIf(process.platform === 'linux')('needs no symbol from Node or better-sqlite3, so the same file loads under Electron', () => {
    // SQLite hands a loaded extension its API as a table of function pointers (sqlite3ext.h), so the
    // file binds to the SQLite of whichever addon loads it, never to Node's ABI: it needs only libc.
    const nm = spawnSync('nm', ['-D', '--undefined-only', path.join(REPO, 'dist', 'native', 'auditlens-csv.so')], { encoding: 'utf8' });
    expect(nm.status, nm.stderr).toBe(0);
    const needed = nm.stdout.split('\n').map((l) => l.trim().split(/\s+/).pop() ?? '').filter((s) => s !== '');
    expect(needed.length).toBeGreaterThan(0);
    for (const symbol of needed) {
      expect(symbol, symbol).toMatch(/@GLIBC_|^_ITM_|^__gmon_start__$/);
    }
  });
});

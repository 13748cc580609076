/**
 * What the SQLite export tests share: the stores they build (a small tricky one, a big one), the
 * built CLI and worker, and the CSV/sqlite3 comparisons. One sandbox per test file, so the soak
 * file runs beside the others instead of after them.
 */
import { execFileSync, fork, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll } from 'vitest';
import { runtimePaths } from '../../electron/runtime-paths';
import type { WorkerExportResult } from '../../electron/sources/sqlite/worker-protocol';

/** Enough rowids for the parallel path (24 blocks of 8,192), small enough for `npm test`. */
export const BIG_ROWS = 300_000;
/**
 * Time allowed to the tests that run the CLI on the big table a dozen times or more: a hang guard,
 * not a speed check. They take 25-45 s alone on an idle 2-core machine and were seen past 90 s on
 * one whose hypervisor took half the CPU.
 */
export const HEAVY_MS = 240_000;
/** The built CLI. */
export const CLI = path.join(runtimePaths().root, 'dist', 'electron', 'cli.js');
/** Whether the sqlite3 shell is here to compare with. */
export const hasSqlite3 = spawnSync('sqlite3', ['-version']).status === 0;

/** Text that stresses CSV and spreadsheets (no NUL: the sqlite3 shell stops text at NUL). */
export const TRICKY = [
  'plain', 'a,b', 'say "hi"', 'line1\nline2', 'crlf\r\nend', 'lone\rcr', 'tab\there', '=1+1', '-2+3', '-3', '+1+1', '@SUM(A1)',
  '\t=1', '＝1+1', 'héllo wörld', '🙂 emoji', ' padded ', '', 'x;y', '"', "it's",
];

/** A test file's own folders and the CLI run with them as its app data and cache. */
export interface ExportSandbox {
  readonly root: string;
  readonly dataDir: string;
  readonly cacheDir: string;
  readonly out: string;
  readonly env: NodeJS.ProcessEnv;
  readonly cli: (args: readonly string[]) => { status: number | null; stdout: Buffer; stderr: string };
  /** Runs the CLI; with a delay, SIGKILLs it then. Resolves to the exit code (null when killed). */
  readonly runCliUntil: (args: readonly string[], killAfterMs: number | null) => Promise<number | null>;
}

/** Makes the folders of one test file under the system's temporary folder. */
export function exportSandbox(prefix: string): ExportSandbox {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dataDir = path.join(root, 'data');
  const cacheDir = path.join(root, 'cache');
  const out = path.join(root, 'out');
  fs.mkdirSync(out, { recursive: true });
  const env = { ...process.env, AUDITLENS_DATA_DIR: dataDir, AUDITLENS_CACHE_DIR: cacheDir };
  return {
    root, dataDir, cacheDir, out, env,
    cli: (args) => {
      const r = spawnSync(process.execPath, [CLI, ...args], { env, maxBuffer: 1 << 30 });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
    },
    runCliUntil: (args, killAfterMs) => new Promise((resolve) => {
      const child = spawn(process.execPath, [CLI, ...args], { env, stdio: 'ignore' });
      const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      child.on('exit', (code) => {
        if (timer) {
          clearTimeout(timer);
        }
        resolve(code);
      });
    }),
  };
}

/** The small store: every tricky text, time spelling, int64 extreme and a hostile table name. */
export function makeSmall(file: string): void {
  const db = new Database(file);
  db.exec(`CREATE TABLE events (id INTEGER PRIMARY KEY, ts TIMESTAMP, status TEXT, actor TEXT, message TEXT, amount REAL, big INTEGER, payload BLOB);
           CREATE TABLE "=evil,name" ("=cmd" TEXT, "-2+3" INTEGER)`);
  const ins = db.prepare('INSERT INTO events VALUES (?,?,?,?,?,?,?,?)');
  const stamps = ['2021-02-13 13:34:03.343', '2022-09-01 6:12:13', '2025-01-18T00:00:00+07:00', '2024-01-01 01:00:00+07:00', 'not a time', null, '20240101081330000000T1354680202'];
  db.transaction(() => {
    for (let i = 1; i <= 3_000; i++) {
      ins.run(
        i,
        stamps[i % stamps.length],
        i % 3 === 0 ? 'error' : 'ok',
        i % 11 === 0 ? null : `user${i % 7}`,
        TRICKY[i % TRICKY.length],
        i % 13 === 0 ? null : (i % 40) * 0.25 - 3,
        i % 5 === 0 ? 2n ** 62n + BigInt(i) : -(2n ** 63n) + BigInt(i),
        Buffer.from([i % 256, 0, 255]),
      );
    }
  })();
  db.prepare('INSERT INTO "=evil,name" VALUES (?, ?)').run('=2+2', -5);
  db.close();
}

/** The big store: one `audit` table of `rows` rows, a tenth of them errors with a formula-like message. */
export function makeBig(file: string, rows: number): void {
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.exec('CREATE TABLE audit (id INTEGER PRIMARY KEY, ts TIMESTAMP NOT NULL, run_id TEXT, status TEXT, actor TEXT, duration_ms INTEGER, cost REAL, message TEXT)');
  const ins = db.prepare('INSERT INTO audit VALUES (?,?,?,?,?,?,?,?)');
  const base = Date.UTC(2024, 0, 1);
  db.transaction(() => {
    for (let i = 1; i <= rows; i++) {
      const ts = new Date(base + i * 1_000).toISOString().replace('T', ' ').replace('Z', '');
      ins.run(i, ts, `run-${i >> 6}`, i % 10 === 0 ? 'error' : 'success', `actor ${i % 17}`, (i * 7919) % 600_000, (i % 1000) / 4,
        i % 10 === 0 ? `=HYPERLINK("x","${i}"), failed` : 'step finished, ok');
    }
  })();
  db.close();
}

/** The small and the big store of an export test file, in `root`. */
export interface ExportStores {
  readonly small: string;
  readonly big: string;
  /** SHA-256 of each store (`small`, `big`) as made, to prove an export left it unchanged. */
  readonly hashes: Record<string, string>;
}

/**
 * Makes the small and the big store in `root` before the file's tests (filling `hashes`) and removes
 * `root` after them: the setup each export test file repeated. Call it at the top of a test file.
 */
export function exportStores(root: string): ExportStores {
  const stores = { small: path.join(root, 'small.db'), big: path.join(root, 'big.db'), hashes: {} as Record<string, string> };
  beforeAll(() => {
    makeSmall(stores.small);
    makeBig(stores.big, BIG_ROWS);
    stores.hashes.small = sha256(stores.small);
    stores.hashes.big = sha256(stores.big);
  }, 60_000);
  afterAll(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });
  return stores;
}

/** SHA-256 of a file's bytes, hex. */
export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Runs the provenance's own SQL and parameters through `sqlite3 -csv -header`. */
export function sqlite3Csv(db: string, sql: string, params: readonly unknown[]): string {
  const literal = (v: unknown): string => (typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : String(v));
  const script = ['.parameter init', ...params.map((p, i) => `.parameter set ?${i + 1} ${literal(p)}`), `${sql};`].join('\n');
  return execFileSync('sqlite3', ['-csv', '-header', db], { input: script, maxBuffer: 1 << 30 }).toString('utf8');
}

/** Parses CSV text into rows of cells. */
export function csvRows(text: string, delimiter = ','): string[][] {
  return parse(text, { delimiter, record_delimiter: ['\n', '\r\n'], bom: true });
}

/** The export temporary files left in a folder. */
export function tempLeftovers(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => n.includes('.auditlens-tmp-'));
}

/** Waits until `check` holds or `ms` pass. */
export async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Drives the built SQLite worker directly: open, then one export request. */
export function workerExport(db: string, request: Record<string, unknown>, extraEnv: Record<string, string> = {}): Promise<WorkerExportResult> {
  return new Promise((resolve, reject) => {
    const child = fork(runtimePaths().workerScript, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, ...extraEnv } });
    child.on('message', (m: { id: number; kind: string; value?: unknown; error?: { message: string } }) => {
      if (m.kind === 'ready') {
        child.send({ id: 1, request: { op: 'open', path: db, busyTimeoutMs: 1_000 } });
      } else if (m.id === 1 && m.kind === 'result') {
        child.send({ id: 2, request: { op: 'export', ...request } });
      } else if (m.kind === 'result') {
        child.kill();
        resolve(m.value as WorkerExportResult);
      } else if (m.kind === 'error') {
        child.kill();
        reject(new Error(m.error?.message));
      }
    });
  });
}

import { execFileSync, fork, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportJobStatus } from '../../../shared/api/contract';
import { dispatch } from '../../../shared/api/dispatch';
import type { Result } from '../../../shared/api/result';
import { createHandlers } from '../../../electron/api/handlers';
import { startHttpBridge } from '../../../electron/api/http-bridge';
import { sweepStaleExports } from '../../../electron/export/temp-sweep';
import type { ProvenanceRecord } from '../../../electron/export/provenance';
import { createHost } from '../../../electron/host';
import { runtimePaths } from '../../../electron/runtime-paths';
import type { WorkerExportResult } from '../../../electron/sources/sqlite/worker-protocol';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-export-'));
const dataDir = path.join(root, 'data');
const cacheDir = path.join(root, 'cache');
const out = path.join(root, 'out');
const small = path.join(root, 'small.db');
const big = path.join(root, 'big.db');
/** Enough rowids for the parallel path (24 blocks of 8,192), small enough for `npm test`. */
const BIG_ROWS = 300_000;
/**
 * Time allowed to the tests that run the CLI on the big table a dozen times or more: a hang guard,
 * not a speed check. They take 25-45 s alone on an idle 2-core machine and were seen past 90 s on
 * one whose hypervisor took half the CPU.
 */
const HEAVY_MS = 240_000;
const CLI = path.join(runtimePaths().root, 'dist', 'electron', 'cli.js');
const env = { ...process.env, AUDITLENS_DATA_DIR: dataDir, AUDITLENS_CACHE_DIR: cacheDir };
const hasSqlite3 = spawnSync('sqlite3', ['-version']).status === 0;

/** Text that stresses CSV and spreadsheets (no NUL: the sqlite3 shell stops text at NUL). */
const TRICKY = [
  'plain', 'a,b', 'say "hi"', 'line1\nline2', 'crlf\r\nend', 'lone\rcr', 'tab\there', '=1+1', '-2+3', '-3', '+1+1', '@SUM(A1)',
  '\t=1', '＝1+1', 'héllo wörld', '🙂 emoji', ' padded ', '', 'x;y', '"', "it's",
];

function makeSmall(file: string): void {
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

function makeBig(file: string, rows: number): void {
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

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function cli(args: readonly string[]): { status: number | null; stdout: Buffer; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { env, maxBuffer: 1 << 30 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

/** Runs the provenance's own SQL and parameters through `sqlite3 -csv -header`. */
function sqlite3Csv(db: string, sql: string, params: readonly unknown[]): string {
  const literal = (v: unknown): string => (typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : String(v));
  const script = ['.parameter init', ...params.map((p, i) => `.parameter set ?${i + 1} ${literal(p)}`), `${sql};`].join('\n');
  return execFileSync('sqlite3', ['-csv', '-header', db], { input: script, maxBuffer: 1 << 30 }).toString('utf8');
}

function csvRows(text: string, delimiter = ','): string[][] {
  return parse(text, { delimiter, record_delimiter: ['\n', '\r\n'], bom: true });
}

function tempLeftovers(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => n.includes('.auditlens-tmp-'));
}

const hashes: Record<string, string> = {};

beforeAll(() => {
  fs.mkdirSync(out, { recursive: true });
  makeSmall(small);
  makeBig(big, BIG_ROWS);
  hashes.small = sha256(small);
  hashes.big = sha256(big);
}, 60_000);

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('auditlens export (SQLite)', () => {
  it.skipIf(!hasSqlite3)('gives the same rows as sqlite3 -csv -header for a filtered, sorted, re-ordered view (raw mode)', () => {
    const target = path.join(out, 'view.csv');
    const r = cli(['export', small, '--table', 'events', '--filter', 'status=error', '--filter', 'amount>1', '--sort', 'ts:desc',
      '--columns', 'ts,actor,message,amount,big,id', '--raw', '--out', target]);
    expect(r.status, r.stderr).toBe(0);
    const record = JSON.parse(fs.readFileSync(`${target}.json`, 'utf8')) as ProvenanceRecord;
    const ours = csvRows(fs.readFileSync(target, 'utf8'));
    const theirs = csvRows(sqlite3Csv(small, record.sql, record.params));
    expect(ours.length).toBeGreaterThan(100);
    expect(ours.length).toBe(theirs.length);
    ours.forEach((row, i) => {
      const other = theirs[i] as string[];
      // sqlite3 prints REAL with %.15g ("5.0"), we print the shortest exact form ("5"): compare amount as numbers.
      expect([...row.slice(0, 3), ...row.slice(4)], `row ${i}`).toEqual([...other.slice(0, 3), ...other.slice(4)]);
      expect(i === 0 ? row[3] : Number(row[3]), `row ${i}`).toEqual(i === 0 ? other[3] : Number(other[3]));
    });
  });

  it('writes a provenance record with source hash, view, SQL, params, rows and options', () => {
    const target = path.join(out, 'view.csv');
    const record = JSON.parse(fs.readFileSync(`${target}.json`, 'utf8')) as ProvenanceRecord;
    const rows = csvRows(fs.readFileSync(target, 'utf8')).length - 1;
    expect(record).toMatchObject({
      format: 'auditlens-export-provenance/1',
      file: 'view.csv',
      appVersion: runtimePaths().version,
      source: { kind: 'sqlite', path: small, sha256: hashes.small, bytes: fs.statSync(small).size },
      view: { kind: 'table', table: { schema: null, name: 'events' }, columns: ['ts', 'actor', 'message', 'amount', 'big', 'id'] },
      filters: [{ column: 'status', op: 'eq', value: 'error' }, { column: 'amount', op: 'gt', value: '1' }],
      sort: [{ column: 'ts', desc: true }],
      params: ['error', 1],
      rowCount: rows,
      bytes: fs.statSync(target).size,
      options: { mode: 'raw', bom: false, delimiter: ',', eol: 'LF', time: 'stored' },
    });
    expect(record.sql).toMatch(/^SELECT "ts", "actor", "message", "amount", "big", "id" FROM "events" WHERE/);
    expect(Date.parse(record.createdAt)).toBeGreaterThan(Date.now() - 120_000);
  });

  it('neutralises formulas in safe mode, headers and table names included, and --no-provenance skips the record', () => {
    const target = path.join(out, 'evil.csv');
    const r = cli(['export', small, '--table', '=evil,name', '--out', target, '--no-provenance']);
    expect(r.status, r.stderr).toBe(0);
    expect(fs.readFileSync(target, 'utf8')).toBe("'=cmd,'-2+3\n'=2+2,-5\n");
    expect(fs.existsSync(`${target}.json`)).toBe(false);
    const raw = cli(['export', small, '--table', '=evil,name', '--raw', '--out', '-']);
    expect(raw.stdout.toString('utf8')).toBe('=cmd,-2+3\n=2+2,-5\n');
  });

  it('writes stdout byte for byte like the file, with BOM, semicolons, CRLF and UTC times', () => {
    const args = ['export', small, '--table', 'events', '--columns', 'ts,message,payload', '--bom', '--delimiter', ';', '--crlf', '--time', 'utc'];
    const target = path.join(out, 'opts.csv');
    expect(cli([...args, '--out', target]).status).toBe(0);
    const piped = cli([...args, '--out', '-']);
    const file = fs.readFileSync(target);
    expect(piped.stdout.equals(file)).toBe(true);
    const text = file.toString('utf8');
    expect(text.startsWith('\uFEFFts;message;payload\r\n')).toBe(true);
    expect(text).toContain('2021-02-13T13:34:03.343Z;');
    expect(text).toContain('2022-09-01T06:12:13Z;');
    expect(text).toContain('2025-01-17T17:00:00Z;');
    expect(text).toContain('not a time;');
    expect(text).toContain('\\x0300ff');
  });

  it('reads the big table in parallel with exactly the bytes of the sequential path', async () => {
    const parallel = path.join(out, 'par.csv');
    const sequential = path.join(out, 'seq.csv');
    const cols = '"id", "ts", "run_id", "status", "actor", "duration_ms", "cost", "message"';
    const sql = `SELECT ${cols} FROM "audit"`;
    const header = ['id', 'ts', 'run_id', 'status', 'actor', 'duration_ms', 'cost', 'message'];
    const options = { safe: true, bom: false, delimiter: ',', eol: '\n', time: 'utc', temporal: [false, true, false, false, false, false, false, false] };
    const body = '"audit" WHERE rowid > ? AND rowid <= ?';
    const byRowid = { sql: `${sql} WHERE rowid > ? AND rowid <= ? ORDER BY rowid`, from: '"audit"', rowid: 'rowid', select: cols, body };
    const a = await workerExport(big, { sql: `${sql} ORDER BY rowid`, params: [], header, tmpPath: parallel, options: { ...options, byRowid } });
    const b = await workerExport(big, { sql: `${sql} ORDER BY rowid`, params: [], header, tmpPath: sequential, options });
    // A timestamp rewrite stays in JS: the native aggregate knows no time zones.
    expect(a).toEqual({ ...b, formatter: 'js' });
    expect(a.rows).toBe(BIG_ROWS);
    expect(sha256(parallel)).toBe(sha256(sequential));
    // And through the CLI, whose default (rowid) order takes the parallel path.
    const viaCli = path.join(out, 'cli-par.csv');
    expect(cli(['export', big, '--table', 'audit', '--time', 'utc', '--out', viaCli]).status).toBe(0);
    expect(sha256(viaCli)).toBe(sha256(parallel));

    // Timestamps as stored: the native aggregate formats the blocks, with the bytes of the JS formatter.
    const stored = { ...options, time: 'stored', byRowid };
    const nativeFile = path.join(out, 'par-native.csv');
    const jsFile = path.join(out, 'par-js.csv');
    const n = await workerExport(big, { sql: `${sql} ORDER BY rowid`, params: [], header, tmpPath: nativeFile, options: stored });
    const j = await workerExport(big, { sql: `${sql} ORDER BY rowid`, params: [], header, tmpPath: jsFile, options: stored }, { AUDITLENS_NATIVE_CSV: '0' });
    expect([n.formatter, j.formatter]).toEqual(['native', 'js']);
    expect(n.rows).toBe(BIG_ROWS);
    expect(n.bytes).toBe(j.bytes);
    expect(sha256(nativeFile)).toBe(sha256(jsFile));

    // In another order (newest first) the rows come one by one, each line from auditlens_csv_row.
    const desc = { sql: `${sql} ORDER BY "ts" DESC, rowid`, params: [], header };
    const plain = { select: cols, rest: 'FROM "audit" ORDER BY "ts" DESC, rowid' };
    const sortedNative = path.join(out, 'desc-native.csv');
    const sortedJs = path.join(out, 'desc-js.csv');
    const sn = await workerExport(big, { ...desc, tmpPath: sortedNative, options: { ...options, time: 'stored', plain } });
    const sj = await workerExport(big, { ...desc, tmpPath: sortedJs, options: { ...options, time: 'stored', plain } }, { AUDITLENS_NATIVE_CSV: '0' });
    expect([sn.formatter, sj.formatter, sn.rows]).toEqual(['native', 'js', BIG_ROWS]);
    expect(sha256(sortedNative)).toBe(sha256(sortedJs));
    expect(fs.readFileSync(sortedNative, 'utf8').split('\n')[1]).toMatch(new RegExp(`^${BIG_ROWS},`));
  }, 60_000);

  it('writes the same bytes with and without the native formatter, also when an index hands it rows out of order', () => {
    // An index on (status, actor) makes SQLite answer `status = 'error'` from the index, in actor
    // order: the aggregate refuses that order and the thread asks SQLite to sort each block.
    const indexed = path.join(root, 'indexed.db');
    fs.copyFileSync(big, indexed);
    const db = new Database(indexed);
    db.exec('CREATE INDEX audit_status_actor ON audit (status, actor)');
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT count(*) FROM audit WHERE status = ? AND rowid > ? AND rowid <= ?').all('error', 0, 8192) as { detail: string }[];
    db.close();
    expect(plan.map((p) => p.detail).join(' ')).toContain('INDEX audit_status_actor');
    const before = sha256(indexed);
    // The last three are sorted: rows one by one through auditlens_csv_row (small.db has the tricky values).
    const cases: [string, string[], number][] = [
      [big, ['--table', 'audit', '--raw'], BIG_ROWS],
      [big, ['--table', 'audit'], BIG_ROWS],
      [big, ['--table', 'audit', '--delimiter', 'tab', '--crlf', '--bom'], BIG_ROWS],
      [indexed, ['--table', 'audit', '--filter', 'status=error'], BIG_ROWS / 10],
      [big, ['--table', 'audit', '--sort', 'ts:desc'], BIG_ROWS],
      [small, ['--table', 'events', '--sort', 'message', '--raw'], 3_000],
      [small, ['--table', 'events', '--sort', 'amount:desc', '--delimiter', 'semicolon'], 3_000],
    ];
    for (const [store, args, rows] of cases) {
      const nativeFile = path.join(out, 'cmp-native.csv');
      const jsFile = path.join(out, 'cmp-js.csv');
      expect(cli(['export', store, ...args, '--no-provenance', '--out', nativeFile]).status).toBe(0);
      const js = spawnSync(process.execPath, [CLI, 'export', store, ...args, '--no-provenance', '--out', jsFile], { env: { ...env, AUDITLENS_NATIVE_CSV: '0' } });
      expect(js.status).toBe(0);
      expect(sha256(nativeFile), args.join(' ')).toBe(sha256(jsFile));
      expect(csvRows(fs.readFileSync(nativeFile, 'utf8'), args.includes('tab') ? '\t' : args.includes('semicolon') ? ';' : ',').length, args.join(' ')).toBe(rows + 1);
    }
    expect(sha256(indexed)).toBe(before);
  }, HEAVY_MS);

  it.skipIf(!hasSqlite3)('gives the rows of sqlite3 for the filtered 10 % of the big table (parallel path, raw mode)', () => {
    const target = path.join(out, 'tenth.csv');
    expect(cli(['export', big, '--table', 'audit', '--filter', 'status=error', '--raw', '--out', target]).status).toBe(0);
    const record = JSON.parse(fs.readFileSync(`${target}.json`, 'utf8')) as ProvenanceRecord;
    const ours = csvRows(fs.readFileSync(target, 'utf8'));
    const theirs = csvRows(sqlite3Csv(big, record.sql, record.params));
    expect(ours.length).toBe(BIG_ROWS / 10 + 1);
    // cost is REAL: sqlite3 writes "0.0" where we write "0", so compare it as a number (the header as text).
    const normal = (rows: string[][]): unknown[][] => rows.map((r, i) => [...r.slice(0, 6), i === 0 ? r[6] : Number(r[6]), r[7]]);
    expect(normal(ours)).toEqual(normal(theirs));
  }, 30_000);

  for (const [label, extra] of [['parallel', []], ['sequential', ['--sort', 'id']]] as const) {
    it(`aborts on a file corrupted mid-table (${label}), naming the row reached and leaving no file`, () => {
      const corrupt = path.join(root, `corrupt-${label}.db`);
      fs.copyFileSync(big, corrupt);
      const size = fs.statSync(corrupt).size;
      const fd = fs.openSync(corrupt, 'r+');
      // 16 pages of junk in the middle: their page-type byte (0xa5) is invalid, so every read of them fails.
      fs.writeSync(fd, Buffer.alloc(64 * 1024, 0xa5), 0, 64 * 1024, Math.floor(size / 2 / 4096) * 4096);
      fs.closeSync(fd);
      const before = sha256(corrupt);
      const dir = fs.mkdtempSync(path.join(root, 'corrupt-out-'));
      const target = path.join(dir, 'target.csv');
      const r = cli(['export', corrupt, '--table', 'audit', ...extra, '--out', target]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/damaged|malformed/);
      const reached = Number(/stopped after ([\d,]+) rows/.exec(r.stderr)?.[1]?.replaceAll(',', '') ?? NaN);
      expect(reached, r.stderr).toBeGreaterThan(0);
      expect(reached).toBeLessThan(BIG_ROWS);
      expect(fs.readdirSync(dir)).toEqual([]);
      expect(sha256(corrupt)).toBe(before);
    }, 30_000);
  }

  it('never leaves a partial target when SIGKILLed at a random moment (20 trials); the sweep removes what is left', async () => {
    const dir = fs.mkdtempSync(path.join(root, 'kill-'));
    const target = path.join(dir, 'target.csv');
    // One undisturbed run sets the window to kill in.
    const started = Date.now();
    const full = await runCliUntil(['export', big, '--table', 'audit', '--out', target, '--no-provenance'], null);
    const fullMs = Date.now() - started;
    expect(full).toBe(0);
    fs.rmSync(target);
    const delays: number[] = [];
    let completed = 0;
    let midStream = 0;
    for (let trial = 0; trial < 20; trial++) {
      // Even trials: any moment from spawn (start-up, open, count…). Odd trials: a moment while rows stream.
      const streaming = trial % 2 === 1;
      const delay = Math.floor(Math.random() * fullMs * (streaming ? 0.5 : 0.9));
      delays.push(delay);
      // Let the previous trial's orphaned worker finish removing its temporary file first.
      await waitFor(() => tempLeftovers(dir).length === 0, 5_000);
      const child = spawn(process.execPath, [CLI, 'export', big, '--table', 'audit', '--out', target, '--no-provenance'], { env, stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      if (streaming) {
        await waitFor(() => tempLeftovers(dir).length > 0 || child.exitCode !== null, 10_000);
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (tempLeftovers(dir).length > 0) {
        midStream++;
      }
      child.kill('SIGKILL');
      await exited;
      if (fs.existsSync(target)) {
        // The kill came after the rename (the CLI was closing the store): then the file must be whole.
        expect(fs.readFileSync(target, 'utf8').split('\n').length, `trial ${trial}, killed after ${delay} ms`).toBe(BIG_ROWS + 2);
        fs.rmSync(target);
        completed++;
      }
    }
    // At least a quarter of the kills must land while rows stream (the others may hit start-up or the end).
    expect(midStream, `delays ${delays.join(',')}; ${completed} finished before the kill`).toBeGreaterThanOrEqual(5);
    // Orphaned workers notice their parent is gone within one chunk and stop; give them a moment.
    await waitFor(() => tempLeftovers(dir).length === 0, 5_000);
    // Each CLI start sweeps what the previous trial left; this sweep takes care of the last one.
    sweepStaleExports(dataDir);
    expect(tempLeftovers(dir)).toEqual([]);
    expect(fs.readdirSync(path.join(dataDir, 'exports-in-flight'))).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual([]);
  }, HEAVY_MS);

  it('gives identical bytes through the app API (export.start) and the CLI, and serves the download', async () => {
    process.env.AUDITLENS_DATA_DIR = dataDir;
    process.env.AUDITLENS_CACHE_DIR = cacheDir;
    const host = createHost({ mode: 'browser' });
    const call = async <T>(name: string, input: unknown): Promise<T> => {
      const r = (await dispatch(host.handlers, name, input, { transport: 'test' })) as Result<T>;
      if (!r.ok) {
        throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
      }
      return r.value;
    };
    const rendererDir = fs.mkdtempSync(path.join(root, 'renderer-'));
    const bridge = await startHttpBridge({ handlers: host.handlers, rendererDir });
    try {
      const { storeId } = await call<{ storeId: string }>('stores.openPath', { path: small });
      const query = {
        table: { schema: null, name: 'events' },
        columns: ['message', 'ts', 'status', 'amount'],
        filters: [{ column: 'status', op: 'eq', value: 'error' }],
        sort: [{ column: 'ts', desc: true }],
      };
      const options = { safe: true, bom: true, delimiter: ';', eol: '\r\n', time: 'utc', provenance: true };
      const { jobId } = await call<{ jobId: string }>('export.start', { storeId, query, options, target: '../../evil/name.csv' });
      const status = await poll(call, jobId);
      expect(status).toMatchObject({ state: 'done', error: null, download: `/download/${jobId}` });
      expect(path.basename(status.path ?? '')).toBe('name.csv');
      expect(status.path?.startsWith(path.join(cacheDir, 'exports', jobId))).toBe(true);

      const target = path.join(out, 'api-twin.csv');
      const r = cli(['export', small, '--table', 'events', '--columns', 'message,ts,status,amount', '--filter', 'status=error', '--sort', 'ts:desc',
        '--bom', '--delimiter', ';', '--crlf', '--time', 'utc', '--safe', '--out', target]);
      expect(r.status, r.stderr).toBe(0);
      const viaApi = fs.readFileSync(status.path as string);
      expect(viaApi.equals(fs.readFileSync(target))).toBe(true);
      expect(status.rows).toBe(csvRows(viaApi.toString('utf8'), ';').length - 1);

      const base = `http://127.0.0.1:${bridge.port}`;
      const ok = await fetch(`${base}/download/${jobId}?token=${bridge.token}`);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-disposition')).toBe(`attachment; filename="name.csv"; filename*=UTF-8''name.csv`);
      expect(Buffer.from(await ok.arrayBuffer()).equals(viaApi)).toBe(true);
      const record = await (await fetch(`${base}/download/${jobId}?token=${bridge.token}&part=provenance`)).json() as ProvenanceRecord;
      expect(record.rowCount).toBe(status.rows);
      expect((await fetch(`${base}/download/${jobId}`)).status).toBe(401);
      expect((await fetch(`${base}/download/${jobId}?token=x${bridge.token.slice(1)}`)).status).toBe(401);
      expect((await fetch(`${base}/download/${crypto.randomUUID()}?token=${bridge.token}`)).status).toBe(404);
      expect((await fetch(`${base}/download/..%2F..%2Fetc%2Fpasswd?token=${bridge.token}`)).status).toBe(404);

      // Electron: main's save dialog picks the file (the renderer only suggests a name); cancel = no job.
      const suggested: string[] = [];
      const picked = path.join(out, 'picked.csv');
      let answer: string | null = null;
      const electron = createHandlers({ ...host.services, pickSaveFile: async (name) => { suggested.push(name); return answer; } });
      const viaDialog = async (): Promise<Result<{ jobId: string | null }>> =>
        (await dispatch(electron, 'export.start', { storeId, query, options }, { transport: 'ipc' })) as Result<{ jobId: string | null }>;
      expect(await viaDialog()).toEqual({ ok: true, value: { jobId: null } });
      answer = picked;
      const chosen = await viaDialog();
      const chosenId = chosen.ok ? chosen.value.jobId : null;
      const done = await poll(async <T>(name: string, input: unknown) => {
        const r = (await dispatch(electron, name, input, { transport: 'ipc' })) as Result<T>;
        if (!r.ok) {throw new Error(r.error.message);}
        return r.value;
      }, chosenId as string);
      expect(suggested).toEqual(['events.csv', 'events.csv']);
      expect(done).toMatchObject({ state: 'done', path: picked, download: null });
      expect(fs.readFileSync(picked).equals(viaApi)).toBe(true);
      answer = small;
      expect(await viaDialog()).toMatchObject({ ok: false, error: { code: 'bad-input' } });

      // Cancel a big export: the job ends 'cancelled' and its folder is gone.
      const bigStore = await call<{ storeId: string }>('stores.openPath', { path: big });
      const started = await call<{ jobId: string }>('export.start', { storeId: bigStore.storeId, query: { table: { schema: null, name: 'audit' } } });
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(await call<boolean>('export.cancel', { jobId: started.jobId })).toBe(true);
      const cancelled = await poll(call, started.jobId);
      expect(cancelled.state).toBe('cancelled');
      expect(cancelled.error?.code).toBe('cancelled');
      expect(fs.existsSync(path.join(cacheDir, 'exports', started.jobId))).toBe(false);
      expect((await fetch(`${base}/download/${started.jobId}?token=${bridge.token}`)).status).toBe(404);
    } finally {
      await bridge.close();
      await host.services.stores.closeAll();
    }
  }, 60_000);

  it('refuses to write over the store or its side files', () => {
    for (const name of [small, `${small}-wal`, `${small}-journal`]) {
      const r = cli(['export', small, '--table', 'events', '--out', name]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/overwrite the store/);
    }
  });

  it('left every source file unchanged (SHA-256)', () => {
    expect(sha256(small)).toBe(hashes.small);
    expect(sha256(big)).toBe(hashes.big);
  });
});

/** Runs the CLI; with a delay, SIGKILLs it then. Resolves to the exit code (null when killed). */
function runCliUntil(args: readonly string[], killAfterMs: number | null): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: 'ignore' });
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code) => {
      if (timer) {
        clearTimeout(timer);
      }
      resolve(code);
    });
  });
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function poll(call: <T>(name: string, input: unknown) => Promise<T>, jobId: string): Promise<ExportJobStatus> {
  for (;;) {
    const s = await call<ExportJobStatus>('export.progress', { jobId });
    if (s.state !== 'running') {
      return s;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Drives the built SQLite worker directly: open, then one export request. */
function workerExport(db: string, request: Record<string, unknown>, extraEnv: Record<string, string> = {}): Promise<WorkerExportResult> {
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

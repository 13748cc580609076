import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ProvenanceRecord } from '../../../electron/export/provenance';
import { sweepStaleExports } from '../../../electron/export/temp-sweep';
import {
  BIG_ROWS, CLI, csvRows, exportSandbox, exportStores, hasSqlite3, HEAVY_MS, sha256, sqlite3Csv, tempLeftovers, waitFor, workerExport,
} from '../../helpers/export-sqlite-kit';

// Soak: the big-table cases that run the CLI dozens of times. Their own file (and sandbox) so they
// run beside the other test files instead of holding one fork for minutes after them.
const { root, dataDir, out, env, cli, runCliUntil } = exportSandbox('auditlens-export-soak-');
const { small, big, hashes } = exportStores(root);

describe('auditlens export (SQLite), soak: the big table', () => {
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


  it('left every source file unchanged (SHA-256)', () => {
    expect(sha256(small)).toBe(hashes.small);
    expect(sha256(big)).toBe(hashes.big);
  });
});

// Bench S1: SQLite → CSV export through the real CLI vs `sqlite3 -csv -header` on the same query,
// for a 2M-row audit table (cached under .bench/) and its 10 % filtered slice. Prints a markdown table.
import { execFileSync, fork, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BENCH_DIR = path.join(ROOT, '.bench');
const ROWS = Number(process.env.AUDITLENS_BENCH_ROWS ?? 2_000_000);
const DATA_VERSION = 1;

/** Deterministic 32-bit PRNG (mulberry32), so the cached table is the same on every machine. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORKFLOWS = ['daily-sales-load', 'customer_dim refresh', 'orders-incremental', 'fivetran_sync_salesforce', 'dbt run --select marts', 'gdpr-erasure', 'inventory snapshot', 'ledger, reconcile'];
const STEPS = ['extract', 'transform', 'load', 'validate', 'publish', 'notify', 'cleanup'];
const ACTORS = ['ana@example.com', 'bob@example.com', 'svc-airflow', 'svc-dbt-cloud', 'chloé@exemple.fr', 'ops-bot'];
const MESSAGES = [
  'Loaded batch into staging without warnings',
  'Upserted rows, 0 rejected; watermark advanced',
  'Schema drift detected: column "discount_pct" added',
  'Retrying after transient error: connection reset by peer',
  'Step finished; next step queued for the same run',
  'Checksum matched source, file archived',
  'Row count below threshold, continuing\nsee details',
  'Validated 12 constraints, all passed',
];

function pad(n, w = 2) {
  return String(n).padStart(w, '0');
}

/** Creates the bench table (`audit_event`, ~240 B a row) unless a cached copy of this version exists. */
export function ensureBenchStore(rows = ROWS) {
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const file = path.join(BENCH_DIR, `audit-${rows}-v${DATA_VERSION}.db`);
  if (fs.existsSync(file)) {
    return file;
  }
  const Database = require('better-sqlite3');
  const tmp = `${file}.tmp-${process.pid}`;
  fs.rmSync(tmp, { force: true });
  const db = new Database(tmp);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(`CREATE TABLE audit_event (
    id INTEGER PRIMARY KEY,
    event_time TIMESTAMP NOT NULL,
    run_id TEXT NOT NULL,
    workflow TEXT NOT NULL,
    step TEXT NOT NULL,
    status TEXT NOT NULL,
    actor TEXT,
    duration_ms INTEGER,
    rows_processed INTEGER,
    cost REAL,
    message TEXT,
    details JSON
  )`);
  const ins = db.prepare('INSERT INTO audit_event VALUES (?,?,?,?,?,?,?,?,?,?,?,?)');
  const rnd = prng(20261101);
  const start = Date.UTC(2024, 0, 1);
  const insertAll = db.transaction(() => {
    for (let i = 1; i <= rows; i++) {
      const t = new Date(start + i * 1500 + Math.floor(rnd() * 1000));
      const ts = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}.${pad(t.getUTCMilliseconds(), 3)}${pad(Math.floor(rnd() * 1000), 3)}`;
      const runId = `${ts.replace(/\D/g, '').slice(0, 14)}${pad(Math.floor(rnd() * 1e6), 6)}T${pad(Math.floor(rnd() * 1e10), 10)}`;
      const status = rnd() < 0.1 ? 'error' : 'success';
      const wf = WORKFLOWS[Math.floor(rnd() * WORKFLOWS.length)];
      const step = STEPS[Math.floor(rnd() * STEPS.length)];
      const actor = rnd() < 0.05 ? null : ACTORS[Math.floor(rnd() * ACTORS.length)];
      const duration = Math.floor(rnd() * 600_000);
      const processed = rnd() < 0.1 ? null : Math.floor(rnd() * 5_000_000);
      const cost = Math.round(rnd() * 100_000) / 100;
      const message = status === 'error' ? `=HYPERLINK("http://x.test/${i}","error ${i}") ${MESSAGES[i % MESSAGES.length]}` : MESSAGES[i % MESSAGES.length];
      const details = JSON.stringify({ attempt: 1 + (i % 3), host: `worker-${i % 17}`, partition: `p${i % 64}`, ok: status === 'success' });
      ins.run(i, ts, runId, wf, step, status, actor, duration, processed, cost, message, details);
    }
  });
  insertAll();
  db.close();
  fs.renameSync(tmp, file);
  return file;
}

/** Median of numbers. */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Kilobytes of a /proc status field (VmHWM = peak RSS), or 0 once the process is gone. */
function procKb(pid, field) {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function childrenOf(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * Runs a command under /usr/bin/time (wall, CPU of the whole process tree, max RSS) while polling
 * /proc every 20 ms for the peak RSS (VmHWM) of every descendant, so the export worker's own peak
 * is known apart from the CLI's.
 */
function measure(argv, stdoutFile) {
  return new Promise((resolve, reject) => {
    const hasTime = fs.existsSync('/usr/bin/time');
    const cmd = hasTime ? '/usr/bin/time' : argv[0];
    const args = hasTime ? ['-f', '__TIME__ %e %U %S %M', ...argv] : argv.slice(1);
    const out = stdoutFile ? fs.openSync(stdoutFile, 'w') : 'ignore';
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', out, 'pipe'], env: { ...process.env, AUDITLENS_DATA_DIR: path.join(BENCH_DIR, 'data') } });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const peaks = new Map();
    const samples = new Map();
    const poll = setInterval(() => {
      const stack = [child.pid];
      const now = Number(process.hrtime.bigint() - started) / 1e9;
      while (stack.length) {
        const pid = stack.pop();
        for (const c of childrenOf(pid)) {
          stack.push(c);
          peaks.set(c, Math.max(peaks.get(c) ?? 0, procKb(c, 'VmHWM')));
          const rss = procKb(c, 'VmRSS');
          if (rss > 0) {
            samples.set(c, [...(samples.get(c) ?? []), [now, rss]]);
          }
        }
      }
    }, 20);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      if (typeof out === 'number') fs.closeSync(out);
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      const t = /__TIME__ ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
      if (code !== 0) {
        reject(new Error(`${argv.join(' ')} failed (${code}): ${stderr.slice(-500)}`));
        return;
      }
      // RSS of the process with the highest peak (the export worker) at 10 % and 90 % of its life: flat means close.
      const top = [...peaks.entries()].sort((a, b) => b[1] - a[1])[0];
      const series = top ? samples.get(top[0]) ?? [] : [];
      const at = (f) => {
        if (series.length === 0) return null;
        const t0 = series[0][0];
        const t1 = series[series.length - 1][0];
        const target = t0 + (t1 - t0) * f;
        return series.find(([t]) => t >= target)?.[1] ?? null;
      };
      resolve({
        wall, cpu: t ? Number(t[2]) + Number(t[3]) : null, maxRssKb: t ? Number(t[4]) : null,
        peaks: [...peaks.values()].sort((a, b) => b - a), rssEarlyKb: at(0.1), rssLateKb: at(0.9),
      });
    });
  });
}

/** Removes earlier outputs and flushes every dirty page (untimed), so the next command starts from a quiet disk. */
function settleDisk(...files) {
  for (const f of files) {
    fs.rmSync(f, { force: true });
  }
  spawnSync('sync');
}

/** The SQL our export ran (from its provenance record), with parameters written as SQL literals for sqlite3. */
function inlineParams(sql, params) {
  let i = 0;
  return sql.replace(/\?/g, () => {
    const v = params[i++];
    return typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : String(v);
  });
}

/** Peak RSS (KiB) of an SQLite worker that opened the store and read its catalog: the export's baseline. */
function idleWorkerPeakKb(db) {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(ROOT, 'dist', 'electron', 'sqlite-worker.js'), [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.on('error', reject);
    child.on('message', (m) => {
      if (m.kind === 'ready') {
        child.send({ id: 1, request: { op: 'open', path: db, busyTimeoutMs: 1_000 } });
      } else if (m.id === 1) {
        child.send({ id: 2, request: { op: 'catalog' } });
      } else if (m.id === 2) {
        const kb = procKb(child.pid, 'VmHWM');
        child.kill();
        resolve(kb);
      }
    });
  });
}

const CASES = [
  { name: 'full, raw', args: ['--raw', '--no-provenance'], slice: 1 },
  { name: 'full, safe + provenance (CLI defaults)', args: [], slice: 1 },
  { name: 'filtered 10 % (status=error), raw', args: ['--filter', 'status=error', '--raw', '--no-provenance'], slice: 0.1 },
];

async function main() {
  const runs = Number(process.env.AUDITLENS_BENCH_RUNS ?? 3);
  const only = process.env.AUDITLENS_BENCH_CASES;
  const cli = path.join(ROOT, 'dist', 'electron', 'cli.js');
  if (!fs.existsSync(cli)) {
    throw new Error('dist/electron/cli.js is missing: run `node build/build-node.mjs` (npm run bench does it).');
  }
  const hasSqlite3 = spawnSync('sqlite3', ['-version']).status === 0;
  const genStart = Date.now();
  const db = ensureBenchStore();
  const dbMb = fs.statSync(db).size / 1_048_576;
  process.stderr.write(`bench store: ${db} (${ROWS.toLocaleString('en-US')} rows, ${dbMb.toFixed(0)} MiB, ready in ${((Date.now() - genStart) / 1000).toFixed(1)} s)\n`);
  const idleWorkerKb = await idleWorkerPeakKb(db);
  const outFile = path.join(BENCH_DIR, 'export-out.csv');
  const theirsFile = path.join(BENCH_DIR, 'sqlite3-out.csv');
  const rows = [];
  for (const c of CASES.filter((x) => !only || only.split('|').some((o) => x.name.startsWith(o.trim())))) {
    // One run with provenance tells us the exact SQL to give sqlite3.
    const probe = path.join(BENCH_DIR, 'probe.csv');
    execFileSync(process.execPath, [cli, 'export', db, '--table', 'audit_event', ...c.args.filter((a) => a !== '--no-provenance'), '--out', probe], {
      stdio: 'ignore',
      env: { ...process.env, AUDITLENS_DATA_DIR: path.join(BENCH_DIR, 'data') },
    });
    const record = JSON.parse(fs.readFileSync(`${probe}.json`, 'utf8'));
    fs.rmSync(probe, { force: true });
    fs.rmSync(`${probe}.json`, { force: true });
    const sql = inlineParams(record.sql, record.params);
    const ours = [];
    const theirs = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      // Interleaved, so load from other processes hits both sides alike. Each side starts with no
      // old output to delete and no dirty pages of the other's: our fsync would otherwise wait for
      // the writeback of sqlite3's file too (ext4 commits ordered data with the journal), which
      // made the filtered case's median swing from 1.4 to 5 s on a virtual disk.
      settleDisk(outFile, theirsFile);
      ours.push(await measure([process.execPath, cli, 'export', db, '--table', 'audit_event', ...c.args, '--out', outFile]));
      bytes = fs.statSync(outFile).size;
      if (hasSqlite3) {
        settleDisk(outFile, theirsFile);
        theirs.push(await measure(['sqlite3', '-csv', '-header', db, sql], theirsFile));
      }
    }
    fs.rmSync(outFile, { force: true });
    fs.rmSync(`${outFile}.json`, { force: true });
    fs.rmSync(theirsFile, { force: true });
    const oursWall = median(ours.map((r) => r.wall));
    const theirsWall = hasSqlite3 ? median(theirs.map((r) => r.wall)) : null;
    // The export worker is the process with the highest peak; its growth is measured against a
    // worker that opened the same store and did nothing (the CLI starts no other worker).
    const workerPeak = Math.max(...ours.map((r) => r.peaks[0] ?? 0));
    const idleWorker = idleWorkerKb;
    rows.push({
      case: c.name,
      rows: record.rowCount,
      mib: bytes / 1_048_576,
      oursWall,
      theirsWall,
      oursBest: Math.min(...ours.map((r) => r.wall)),
      theirsBest: hasSqlite3 ? Math.min(...theirs.map((r) => r.wall)) : null,
      ratio: theirsWall ? oursWall / theirsWall : null,
      oursCpu: median(ours.map((r) => r.cpu ?? NaN)),
      theirsCpu: hasSqlite3 ? median(theirs.map((r) => r.cpu ?? NaN)) : null,
      rate: record.rowCount / oursWall,
      workerPeakMb: workerPeak / 1024,
      growthMb: (workerPeak - idleWorker) / 1024,
      treeMaxMb: Math.max(...ours.map((r) => r.maxRssKb ?? 0)) / 1024,
      earlyMb: median(ours.map((r) => r.rssEarlyKb ?? NaN)) / 1024,
      lateMb: median(ours.map((r) => r.rssLateKb ?? NaN)) / 1024,
    });
  }
  const f = (n, d = 2) => (n === null || Number.isNaN(n) ? 'n/a' : n.toFixed(d));
  const lines = [
    `Export bench: ${ROWS.toLocaleString('en-US')}-row audit table, median of ${runs} interleaved runs, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join('/')}`,
    '',
    '| case | rows | CSV MiB | ours wall s | sqlite3 wall s | ratio | best of N: ours / sqlite3 = ratio | ours CPU s | sqlite3 CPU s | ours rows/s | worker peak RSS MiB | worker growth MiB | worker RSS at 10 % / 90 % MiB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.case} | ${r.rows.toLocaleString('en-US')} | ${f(r.mib, 0)} | ${f(r.oursWall)} | ${f(r.theirsWall)} | ${f(r.ratio)} | ${f(r.oursBest)} / ${f(r.theirsBest)} = ${r.theirsBest ? f(r.oursBest / r.theirsBest) : 'n/a'} | ${f(r.oursCpu)} | ${f(r.theirsCpu)} | ${Math.round(r.rate).toLocaleString('en-US')} | ${f(r.workerPeakMb, 0)} | ${f(r.growthMb, 0)} | ${f(r.earlyMb, 0)} / ${f(r.lateMb, 0)} |`),
    '',
    'ours = `auditlens export` end to end (process start, open, worker, fsync, rename); sqlite3 = `sqlite3 -csv -header DB "<same SQL>" > file` (no fsync).',
    'CPU = user + sys of the whole process tree. Worker growth = export worker peak RSS minus that of a worker that only opened the store and read its catalog.',
    'The parallel export needs both cores: on a loaded machine compare CPU and the best-of-N columns, not the medians.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  if (process.argv[2] === 'gen') {
    console.log(ensureBenchStore());
  } else {
    main().catch((e) => {
      process.stderr.write(`${e.stack ?? e}\n`);
      process.exit(1);
    });
  }
}

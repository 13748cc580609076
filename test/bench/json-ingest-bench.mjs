// Bench S6 (issue 3, item 12): JSON ingest of 1,000 files x 1,000 events into the SQLite cache,
// twice: OpenLineage events (arrays, 3.5 rows per event) and flat audit records (JSON Lines, one
// row per event; AUDITLENS_BENCH_JSON_KIND=openlineage|records for one), against its anchor measured in the same run: JSON.parse of the same files plus
// `sqlite3 .import` of the same rows (every table our ingest wrote) as CSV. Standalone:
// `node test/bench/json-ingest-bench.mjs` (AUDITLENS_BENCH_JSON_FILES / _EVENTS / _RUNS to resize;
// AUDITLENS_BENCH_JSON_WORKER=1 / 0 forces the parse worker on / off; by default the app decides;
// AUDITLENS_BENCH_JSON_EACH=1 prints every run of ours, to see a noisy machine's spread).
// The anchor gets the same rows and builds the same indexes as ours (taken from our cache's schema).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BENCH = path.join(ROOT, '.bench');
const FILES = Number(process.env.AUDITLENS_BENCH_JSON_FILES ?? 1_000);
const EVENTS = Number(process.env.AUDITLENS_BENCH_JSON_EVENTS ?? 1_000);
const RUNS = Number(process.env.AUDITLENS_BENCH_JSON_RUNS ?? 3);
const DATA_VERSION = 2;
/**
 * 'openlineage' (the default): OpenLineage events, 3.5 rows per event across events, runs, jobs,
 * datasets and edges. 'records': flat audit records in JSON Lines, one row per event (a generic
 * audit log, the shape the 400k events/s target can be read against).
 */
const KINDS = process.env.AUDITLENS_BENCH_JSON_KIND ? [process.env.AUDITLENS_BENCH_JSON_KIND] : ['openlineage', 'records'];
/** The kind being measured (both in turn unless AUDITLENS_BENCH_JSON_KIND names one). */
let KIND = 'openlineage';
/** '1' always uses the parse worker, '0' never; unset: as the app decides (only with a spare core). */
const WORKER_MODE = process.env.AUDITLENS_BENCH_JSON_WORKER ?? 'auto';

/**
 * Flushes every dirty page (untimed) before a measured run, so no run is throttled by the
 * writeback of the last one's 150-400 MB cache (as the export bench's fsync was).
 */
function settleDisk() {
  spawnSync('sync');
}

/** Deterministic 32-bit PRNG (mulberry32), so the data is the same on every machine. */
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

/**
 * Writes a data folder once and reuses it. Several bench runs may start at once (run-bench.mjs in
 * parallel sessions), so `fill` writes it under a temporary name that is then renamed into place.
 */
function buildOnce(name, fill) {
  const final = path.join(BENCH, 'json', name);
  if (fs.existsSync(path.join(final, '.complete'))) {
    return final;
  }
  const dir = `${final}.tmp-${process.pid}`;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fill(dir);
  fs.writeFileSync(path.join(dir, '.complete'), '');
  try {
    fs.renameSync(dir, final);
  } catch {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return final;
}

/** The bench's folder of the kind being measured. */
function ensureData() {
  return KIND === 'records' ? buildOnce(`records-${FILES}x${EVENTS}-v${DATA_VERSION}`, writeRecords) : buildOnce(`openlineage-${FILES}x${EVENTS}-v${DATA_VERSION}`, writeOpenLineage);
}

/** OpenLineage events, a JSON array of 1,000 per file, START and COMPLETE (or FAIL) per run. */
function writeOpenLineage(dir) {
  const rnd = prng(42);
  const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(rnd() * 16)]).join('');
  const t0 = Date.UTC(2024, 0, 1);
  for (let f = 0; f < FILES; f++) {
    const lines = [];
    let runId = '';
    let job = '';
    for (let i = 0; i < EVENTS; i++) {
      const start = i % 2 === 0;
      if (start) {
        runId = `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
        job = `etl.job_${Math.floor(rnd() * 500)}`;
      }
      const failed = !start && rnd() < 0.05;
      const ev = {
        eventType: start ? 'START' : failed ? 'FAIL' : 'COMPLETE',
        eventTime: new Date(t0 + (f * EVENTS + i) * 1_000).toISOString(),
        run: { runId, ...(failed ? { facets: { errorMessage: { message: 'relation does not exist', programmingLanguage: 'sql' } } } : {}) },
        job: { namespace: 'bench', name: job },
        inputs: [{ namespace: 'pg://db:5432', name: `shop.public.t_${Math.floor(rnd() * 200)}` }],
        outputs: [{ namespace: 'pg://db:5432', name: `shop.public.t_${Math.floor(rnd() * 200)}` }],
        producer: 'https://example.com/ol',
        schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json',
      };
      lines.push(JSON.stringify(ev));
    }
    fs.writeFileSync(path.join(dir, `events-${String(f).padStart(4, '0')}.json`), `[\n${lines.join(',\n')}\n]\n`);
  }
}

/** Flat audit records, one JSON object per line: what an application's own audit log looks like. */
function writeRecords(dir) {
  const rnd = prng(7);
  const t0 = Date.UTC(2024, 0, 1);
  const steps = ['extract', 'transform', 'load', 'validate', 'publish'];
  for (let f = 0; f < FILES; f++) {
    const lines = [];
    for (let i = 0; i < EVENTS; i++) {
      const failed = rnd() < 0.05;
      lines.push(JSON.stringify({
        ts: new Date(t0 + (f * EVENTS + i) * 1_000).toISOString(),
        run_id: `run-${f}-${Math.floor(i / 10)}`,
        step: steps[i % steps.length],
        status: failed ? 'error' : 'success',
        rows: Math.floor(rnd() * 100_000),
        duration_ms: Math.floor(rnd() * 60_000),
        user: `svc-${Math.floor(rnd() * 20)}`,
        message: failed ? 'relation "orders" does not exist' : 'ok',
      }));
    }
    fs.writeFileSync(path.join(dir, `audit-${String(f).padStart(4, '0')}.jsonl`), `${lines.join('\n')}\n`);
  }
}

/** Events in one file's text: a JSON array, or one object per line. */
function parseEvents(text) {
  if (KIND !== 'records') {
    return JSON.parse(text).length;
  }
  let n = 0;
  for (const line of text.split('\n')) {
    if (line.length > 0) {
      JSON.parse(line);
      n++;
    }
  }
  return n;
}

/** Bundles the ingest code (TypeScript) once per run so this script needs nothing but node. */
async function loadIngest() {
  const { build } = require('esbuild');
  const out = path.join(BENCH, 'build', `json-ingest-${process.pid}.cjs`);
  const entry = path.join(BENCH, 'build', `json-ingest-entry-${process.pid}.ts`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(entry, [
    `export { ensureCache } from ${JSON.stringify(path.join(ROOT, 'electron/ingest/json/build-cache.ts'))};`,
    `export { spareCore } from ${JSON.stringify(path.join(ROOT, 'electron/ingest/json/parallel-ingest.ts'))};`,
    `export { scanLocation } from ${JSON.stringify(path.join(ROOT, 'electron/ingest/json/scan-files.ts'))};`,
  ].join('\n'));
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['better-sqlite3'], logLevel: 'warning' };
  await build({ ...common, entryPoints: [entry], outfile: out });
  const worker = path.join(BENCH, 'build', `json-parse-worker-${process.pid}.js`);
  await build({ ...common, entryPoints: [path.join(ROOT, 'electron/ingest/json/json-parse-worker.ts')], outfile: worker });
  const mod = await import(pathToFileURL(out).href);
  fs.rmSync(entry, { force: true });
  fs.rmSync(out, { force: true });
  return { ...mod, worker };
}

function cpuMs(u) {
  return (u.user + u.system) / 1000;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function csvCell(v) {
  if (v === null || v === undefined) {
    return '';
  }
  const s = typeof v === 'bigint' ? v.toString() : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Dumps every table the ingest wrote as CSV plus the DDL to recreate them; returns the import script. */
function dumpRows(cacheFile, dir) {
  const Database = require('better-sqlite3');
  const db = new Database(cacheFile, { readonly: true });
  const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE '\\_auditlens%' ESCAPE '\\'").all();
  const indexes = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name NOT LIKE '\\_auditlens%' ESCAPE '\\'").pluck().all();
  const script = ['PRAGMA journal_mode = OFF;', 'PRAGMA synchronous = OFF;'];
  let rows = 0;
  for (const t of tables) {
    const csv = path.join(dir, `${t.name}.csv`);
    const fd = fs.openSync(csv, 'w');
    let buf = [];
    for (const r of db.prepare(`SELECT * FROM "${t.name}"`).raw(true).safeIntegers(true).iterate()) {
      buf.push(r.map(csvCell).join(','));
      rows++;
      if (buf.length >= 10_000) {
        fs.writeSync(fd, `${buf.join('\n')}\n`);
        buf = [];
      }
    }
    fs.writeSync(fd, buf.length ? `${buf.join('\n')}\n` : '');
    fs.closeSync(fd);
    script.push(`${t.sql};`, `.import --csv '${csv}' "${t.name}"`);
  }
  db.close();
  // Same index policy as ours: every index our cache has, built after the rows are in.
  script.push(...indexes.map((sql) => `${sql};`));
  return { script: script.join('\n'), rows, indexes: indexes.length };
}

async function main() {
  const dir = ensureData();
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json') || f.endsWith('.jsonl')).map((f) => path.join(dir, f));
  const bytes = files.reduce((s, f) => s + fs.statSync(f).size, 0);
  const events = FILES * EVENTS;
  const { ensureCache, scanLocation, spareCore, worker } = await loadIngest();
  let workerRuns = 0;
  const work = path.join(BENCH, `json-work-${process.pid}`);

  // Wall time is the measure; CPU time (user + system) is printed too, because a shared machine's
  // load stretches wall time without changing the work done.
  const ours = [];
  const oursCpu = [];
  let cacheFile = '';
  // Peak RSS of this process while it ingests (the parse worker is a thread of it): memory must
  // stay flat as the input grows (issue 3, item 7), so compare it across AUDITLENS_BENCH_JSON_FILES.
  const baseRss = process.memoryUsage().rss;
  let peakRss = baseRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  for (let r = 0; r < RUNS; r++) {
    fs.rmSync(work, { recursive: true, force: true });
    settleDisk();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const scan = await scanLocation(dir);
    const useWorker = WORKER_MODE === '1' || (WORKER_MODE === 'auto' && (await spareCore()));
    workerRuns += useWorker ? 1 : 0;
    const out = await ensureCache(path.join(work, 'cache'), scan, { parseWorker: useWorker ? worker : null });
    ours.push(performance.now() - t0);
    if (process.env.AUDITLENS_BENCH_JSON_EACH) console.error(`run ${r}: ${Math.round(ours[ours.length - 1])} ms, CPU ${Math.round(cpuMs(process.cpuUsage(c0)))} ms, rss ${Math.round(process.memoryUsage().rss / 1048576)} MiB`);
    oursCpu.push(cpuMs(process.cpuUsage(c0)));
    cacheFile = out.file;
  }
  clearInterval(sampler);

  const parse = [];
  const parseCpu = [];
  for (let r = 0; r < RUNS; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let n = 0;
    for (const f of files) {
      n += parseEvents(fs.readFileSync(f, 'utf8'));
    }
    parse.push(performance.now() - t0);
    parseCpu.push(cpuMs(process.cpuUsage(c0)));
    if (n !== events) {
      throw new Error(`parsed ${n} events, expected ${events}`);
    }
  }

  const { script, rows, indexes } = dumpRows(cacheFile, work);
  const imports = [];
  const importsCpu = [];
  for (let r = 0; r < Math.min(RUNS, 2); r++) {
    const db = path.join(work, `anchor-${r}.db`);
    fs.rmSync(db, { force: true });
    settleDisk();
    const t0 = performance.now();
    const res = spawnSync('/usr/bin/time', ['-f', '%U %S', 'sqlite3', db], { input: script, stdio: ['pipe', 'ignore', 'pipe'] });
    imports.push(performance.now() - t0);
    if (res.status !== 0) {
      throw new Error(`sqlite3 .import failed: ${res.stderr?.toString()}`);
    }
    const times = res.stderr.toString();
    const [user, sys] = (times.trim().split('\n').pop() ?? '0 0').split(' ').map(Number);
    importsCpu.push(((user ?? 0) + (sys ?? 0)) * 1000);
  }

  const ourMs = median(ours);
  const anchorMs = median(parse) + median(imports);
  const ratio = ourMs / anchorMs;
  const rate = events / (ourMs / 1000);
  const mib = (bytes / 1048576).toFixed(0);
  console.log(`\n## S6 JSON folder ingest (${KIND}): ${FILES} files x ${EVENTS} events (${mib} MiB), ${rows.toLocaleString('en')} rows written, median of ${RUNS}\n`);
  const anchorCpu = median(parseCpu) + median(importsCpu);
  console.log(`parsing: ${workerRuns} of ${RUNS} runs in the parse worker (SQLite writes on the main thread), the others in the main thread only; anchor: same ${rows.toLocaleString('en')} rows and the same ${indexes} indexes as our cache\n`);
  console.log(`load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs\n`);
  console.log('| measure | wall ms | CPU ms | events/s (wall) |');
  console.log('|---|---:|---:|---:|');
  console.log(`| Auditlens ingest (scan, checks, parse, layouts, cache, derived tables, indexes) | ${ourMs.toFixed(0)} | ${median(oursCpu).toFixed(0)} | ${Math.round(rate).toLocaleString('en')} |`);
  console.log(`| anchor: JSON.parse of every file | ${median(parse).toFixed(0)} | ${median(parseCpu).toFixed(0)} | ${Math.round(events / (median(parse) / 1000)).toLocaleString('en')} |`);
  console.log(`| anchor: sqlite3 .import of the same rows as CSV | ${median(imports).toFixed(0)} | ${median(importsCpu).toFixed(0)} | |`);
  console.log(`| anchor total | ${anchorMs.toFixed(0)} | ${anchorCpu.toFixed(0)} | |`);
  console.log(`\nratio ours / anchor: ${ratio.toFixed(2)} wall, ${(median(oursCpu) / anchorCpu).toFixed(2)} CPU (target <= 1.30) ${ratio <= 1.3 ? 'PASS' : 'MISS'}`);
  console.log(`throughput: ${Math.round(rate).toLocaleString('en')} events/s (target >= 400,000) ${rate >= 400_000 ? 'PASS' : 'MISS'}`);
  console.log(`memory: peak RSS ${(peakRss / 1048576).toFixed(0)} MiB while ingesting (${(baseRss / 1048576).toFixed(0)} MiB before)`);
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(worker, { force: true });
}

for (const kind of KINDS) {
  KIND = kind;
  await main();
}

import { deflateSync } from 'node:zlib';
import type { Database as Db } from 'better-sqlite3';
import { formatTs, type Prng } from './prng';

type Status = 'SUCCESS' | 'FAILED' | 'SKIP' | 'CANCEL';
/** upper = strings (>= v0.0.67); lower = the repo's own fixtures; int64/int65 = the two IntEnum eras. */
type Encoding = 'upper' | 'lower' | 'int64' | 'int65';
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

interface JobDef {
  readonly id: string;
  readonly stages: readonly string[];
  readonly matrix?: Readonly<Record<string, readonly (string | number)[]>>;
}

interface WorkflowDef {
  readonly name: string;
  readonly everyMinutes: number;
  readonly zone: 'naive' | 'plus7' | 'mixed';
  readonly params: Readonly<Record<string, string>>;
  readonly jobs: readonly JobDef[];
}

const WORKFLOWS: readonly WorkflowDef[] = [
  { name: 'wf-scheduling', everyMinutes: 60, zone: 'mixed', params: { 'asat-dt': '' },
    jobs: [{ id: 'first-job', stages: ['first-stage', 'echo-stage'] }, { id: 'second-job', stages: ['hello-world'] }] },
  { name: 'wf-ingest-sales', everyMinutes: 1440, zone: 'plus7', params: { 'asat-dt': '', source: 'sales' },
    jobs: [{ id: 'extract', stages: ['get-watermark', 'extract-api', 'land-parquet'] },
      { id: 'load', stages: ['copy-into', 'merge-target', 'update-watermark'] }] },
  { name: 'wf-run-python-matrix', everyMinutes: 360, zone: 'naive', params: { 'asat-dt': '' },
    jobs: [{ id: 'prepare', stages: ['init'] },
      { id: 'python-job', stages: ['run-python', 'collect-output'],
        matrix: { python: ['3.10', '3.11', '3.12'], os: ['ubuntu'] } }] },
  { name: 'wf-daily-report', everyMinutes: 1440, zone: 'naive', params: { 'asat-dt': '', 'run-mode': 'N' },
    jobs: [{ id: 'build-report', stages: ['query-kpis', 'render-pdf'] },
      { id: 'notify', stages: ['send-email', 'post-slack'] }] },
  { name: 'wf-sync-crm', everyMinutes: 30, zone: 'naive', params: { 'asat-dt': '', object: 'accounts' },
    jobs: [{ id: 'sync', stages: ['pull-changes', 'upsert-rows'] }] },
  { name: 'wf-export-s3', everyMinutes: 720, zone: 'plus7', params: { 'asat-dt': '', bucket: 's3://demo-exports' },
    jobs: [{ id: 'export', stages: ['dump-table', 'compress', 'upload'], matrix: { table: ['orders', 'customers'] } }] },
  { name: 'wf-partition-cleanup', everyMinutes: 1440, zone: 'naive', params: { 'asat-dt': '', 'keep-days': '180' },
    jobs: [{ id: 'cleanup', stages: ['list-partitions', 'drop-expired'] }] },
  { name: 'wf dq checks', everyMinutes: 120, zone: 'naive', params: { 'asat-dt': '' },
    jobs: [{ id: 'checks', stages: ['not-null', 'unique-keys', 'freshness'],
      matrix: { domain: ['sales', 'finance', 'ops'] } },
      { id: 'publish', stages: ['write-results'] }] },
  { name: 'wf-ml-feature-store', everyMinutes: 240, zone: 'plus7', params: { 'asat-dt': '', model: 'churn-v3' },
    jobs: [{ id: 'features', stages: ['load-events', 'compute-features'] },
      { id: 'materialize', stages: ['write-online', 'write-offline'] },
      { id: 'validate', stages: ['drift-check'] }] },
  { name: 'wf-trigger-downstream', everyMinutes: 60, zone: 'naive', params: { 'asat-dt': '' },
    jobs: [{ id: 'trigger', stages: ['call-trigger-stage', 'wait-upstream'] }] },
];

const INT64: Readonly<Record<Status, number>> = { SUCCESS: 0, FAILED: 1, SKIP: 3, CANCEL: 4 };
const INT65: Readonly<Record<Status, number>> = { SUCCESS: 1, FAILED: 2, SKIP: 4, CANCEL: 5 };

function encode(status: Status, encoding: Encoding): Json {
  switch (encoding) {
    case 'upper': return status;
    case 'lower': return status.toLowerCase();
    case 'int64': return INT64[status];
    case 'int65': return INT65[status];
  }
}

const STAGE_ERRORS = [
  'Execution of bash command got return code 1: psql: error: connection refused',
  "KeyError: 'records'",
  'Timeout after 600 seconds waiting for upstream',
  'HTTP 503 from https://api.example.com/v2/orders',
];

/** Running clock and outcome shared by the stage builders of one run. */
interface RunState {
  readonly rng: Prng;
  readonly encoding: Encoding;
  elapsedMs: number;
}

/** Builds one `stages` map; a FAILED or CANCEL run stops at a random stage. */
function buildStages(state: RunState, stages: readonly string[], status: Status): Record<string, Json> {
  const { rng, encoding } = state;
  const out: Record<string, Json> = {};
  if (status === 'SKIP') {return out;}
  const stopAt = status === 'SUCCESS' ? stages.length : rng.int(0, stages.length - 1);
  for (let i = 0; i < stages.length && i <= stopAt; i++) {
    const stageId = stages[i] ?? `stage-${i}`;
    state.elapsedMs += Math.round(rng.skewed(1500));
    const own: Status = i < stopAt ? 'SUCCESS' : status;
    const stage: Record<string, Json> = {
      outputs: rng.pick<Record<string, Json>>([{}, { records: rng.int(0, 90_000) }, { return_code: 0, stdout: 'done' }]),
      status: encode(own, encoding),
    };
    if (own === 'FAILED') {
      stage['errors'] = { name: 'StageError', message: rng.pick(STAGE_ERRORS) };
    }
    out[stageId] = stage;
  }
  return out;
}

function jobError(state: RunState, key: string, message: string): [string, Json] {
  // The repo's fixtures (lowercase era) use `error: { <id>: {...} }`; newer code uses `errors`.
  return state.encoding === 'lower'
    ? ['error', { [key]: { name: 'JobError', message } }]
    : ['errors', { name: 'JobError', message }];
}

function buildJob(state: RunState, job: JobDef, status: Status): Record<string, Json> {
  const result: Record<string, Json> = { status: encode(status, state.encoding) };
  if (!job.matrix) {
    result['stages'] = buildStages(state, job.stages, status);
    if (status === 'FAILED') {
      const [key, value] = jobError(state, job.id, 'Job got the stage error after exec.');
      result[key] = value;
    }
    return result;
  }
  let combos: Record<string, Json>[] = [{}];
  for (const [axis, values] of Object.entries(job.matrix)) {
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [axis]: v })));
  }
  const failing = status === 'FAILED' ? state.rng.int(0, combos.length - 1) : -1;
  const strategies: Record<string, Json> = {};
  const errors: Json[] = [];
  combos.forEach((matrix, i) => {
    const id = state.rng.digits(10);
    const own: Status = status === 'FAILED' ? (i === failing ? 'FAILED' : 'SUCCESS') : status;
    strategies[id] = { matrix, stages: buildStages(state, job.stages, own), status: encode(own, state.encoding) };
    if (own === 'FAILED') {
      errors.push({ name: 'JobError', message: `Strategy ${id} failed`, strategy: id });
    }
  });
  result['strategies'] = strategies;
  if (errors.length > 0) {
    result['errors'] = errors;
  }
  return result;
}

/** Builds the §1.5 context for one run and returns it with its latency in ms. */
function buildContext(state: RunState, wf: WorkflowDef, status: Status, asat: string): Record<string, Json> {
  const jobs: Record<string, Json> = {};
  const breakAt = status === 'FAILED' || status === 'CANCEL' ? state.rng.int(0, wf.jobs.length - 1) : wf.jobs.length;
  wf.jobs.forEach((job, i) => {
    let own: Status = 'SUCCESS';
    if (status === 'SKIP') {own = 'SKIP';}
    else if (i === breakAt) {own = status;}
    else if (i > breakAt) {own = status === 'CANCEL' ? 'CANCEL' : 'SKIP';}
    jobs[job.id] = buildJob(state, job, own);
  });
  const params: Record<string, Json> = { ...wf.params, 'asat-dt': asat };
  const context: Record<string, Json> = { status: encode(status, state.encoding), params, jobs };
  if (status === 'FAILED') {
    const failedJob = wf.jobs[breakAt]?.id ?? 'unknown';
    context['errors'] = { name: 'WorkflowError', message: `Job execution, '${failedJob}', was failed.` };
  } else if (status === 'CANCEL') {
    const message = 'Workflow was canceled from event that had set before workflow execution.';
    context['errors'] = { name: 'WorkflowCancelError', message };
  }
  return context;
}

function runIdAt(ms: number, micros: number, rng: Prng): string {
  return `${formatTs(ms, { digits: 6, micros }).replace(/\D/g, '')}T${rng.digits(10)}`;
}

function pack(value: Json): Buffer {
  return deflateSync(Buffer.from(JSON.stringify(value), 'utf8'));
}

/** Creates and fills the ddeutil-workflow SQLite `audits` table (§1.6) with zlib JSON blobs. */
export function buildDdeutilTables(db: Db, rng: Prng, base: number, scale = 1): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS audits (
        workflow        TEXT NOT NULL
        , release       TEXT NOT NULL
        , type          TEXT NOT NULL
        , context       BLOB NOT NULL
        , parent_run_id TEXT
        , run_id        TEXT NOT NULL
        , metadata      BLOB NOT NULL
        , created_at    TIMESTAMP DEFAULT CURRENT_TIMESTAMP
        , updated_at    TIMESTAMP DEFAULT CURRENT_TIMESTAMP
        , PRIMARY KEY ( workflow, release )
    );
    CREATE INDEX audits_run_id ON audits (run_id);
    CREATE INDEX audits_parent_run_id ON audits (parent_run_id);
  `);
  const insert = db.prepare('INSERT INTO audits VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const perWorkflow = Math.max(1, Math.round(150 * scale));
  for (const wf of WORKFLOWS) {
    const step = wf.everyMinutes * 60_000;
    const last = Math.floor(base / step) * step - step;
    for (let i = perWorkflow - 1; i >= 0; i--) {
      const instant = last - i * step;
      const age = i / perWorkflow;
      const encoding: Encoding = age > 0.98 ? 'int64' : age > 0.96 ? 'int65' : rng.chance(0.06) ? 'lower' : 'upper';
      const plus7 = wf.zone === 'plus7' || (wf.zone === 'mixed' && rng.chance(0.5));
      const releases = [formatTs(instant, plus7 ? { sep: 'T', offsetMinutes: 420 } : { sep: 'T' })];
      if (wf.zone === 'mixed' && rng.chance(0.05)) {
        // The same instant written again under the other offset: a distinct primary key.
        releases.push(formatTs(instant, plus7 ? { sep: 'T' } : { sep: 'T', offsetMinutes: 420 }));
      }
      for (const [r, release] of releases.entries()) {
        const type = r > 0 ? 'rerun' : rng.weighted([['normal', 88], ['rerun', 8], ['force', 4]] as const);
        const status: Status = type === 'rerun' ? rng.weighted([['SUCCESS', 90], ['FAILED', 10]] as const)
          : rng.weighted([['SUCCESS', 84], ['FAILED', 9], ['SKIP', 4], ['CANCEL', 3]] as const);
        const delay = type === 'rerun' ? rng.int(1, 48) * 3_600_000 : 0;
        const execStart = instant + delay + rng.int(0, 30_000);
        const startMicros = rng.int(0, 999);
        const state: RunState = { rng, encoding, elapsedMs: rng.int(5, 400) };
        const asat = formatTs(instant, plus7 ? { offsetMinutes: 420 } : {});
        const context = buildContext(state, wf, status, asat);
        const execEnd = execStart + state.elapsedMs;
        const endMicros = rng.int(0, 999);
        const latency = Math.round((state.elapsedMs + (endMicros - startMicros) / 1000) * 1000) / 1e6;
        const info = {
          exec_start: formatTs(execStart, { digits: 6, micros: startMicros, offsetMinutes: 0 }),
          exec_end: formatTs(execEnd, { digits: 6, micros: endMicros, offsetMinutes: 0 }),
          exec_latency: latency,
        };
        // Key order as ddeutil writes it: status, params, info, jobs, errors.
        const { status: encoded = null, params = null, ...rest } = context;
        const ordered: Record<string, Json> = { status: encoded, params, info, ...rest };
        const runId = runIdAt(execStart, startMicros, rng);
        let parent: string | null = runId;
        if (type === 'rerun') {
          parent = runIdAt(instant + rng.int(0, 30_000), rng.int(0, 999), rng);
        } else if (rng.chance(0.08)) {
          parent = null;
        }
        const metadata: Record<string, Json> = {
          timeout: wf.everyMinutes >= 720 ? 3600 : 600, original_name: wf.name, audit_excluded: null, ...info,
        };
        if (rng.chance(0.3)) {metadata['owner'] = rng.pick(['data-eng', 'analytics', 'ml-platform']);}
        const written = formatTs(execEnd + rng.int(0, 900) * 1000);
        insert.run(wf.name, release, type, pack(ordered), parent, runId, pack(metadata), written, written);
      }
    }
  }
}

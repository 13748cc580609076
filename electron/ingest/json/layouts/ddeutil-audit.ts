import { ddeutilEra, ddeutilStatusName, type DdeutilEra } from '../../../../shared/model/ddeutil-status';
import { isObject, pick, tableSpec, text, withExtras, type EmitRow, type Layout, type RecordContext } from './layout-kit';

/**
 * ddeutil-workflow file audits (audit-formats.md §1): `workflow=NAME/release=YYYYMMDDHHMMSS/<id>.log`,
 * each a JSON document whose `context` holds jobs, matrix strategies and stages. A document becomes a
 * `ddeutil_runs` row plus `ddeutil_jobs` and `ddeutil_stages` rows. Statuses are kept as written
 * (0-3, 1-5, or strings in any case) because the number encoding depends on the writer's version.
 * Bare contexts (the project's own `tests/conf/context/*.json`) give jobs and stages without a run.
 */
export const DDEUTIL_RUNS = tableSpec('ddeutil_runs', [
  ['workflow', 'TEXT'],
  ['release', 'TEXT'],
  ['release_folder', 'TEXT'],
  ['type', 'TEXT'],
  ['run_id', 'TEXT'],
  ['parent_run_id', 'TEXT'],
  ['status', 'TEXT'],
  ['status_name', 'TEXT'],
  ['exec_start', 'TEXT'],
  ['exec_end', 'TEXT'],
  ['exec_latency', 'REAL'],
  ['job_count', 'INTEGER'],
  ['params', 'JSON'],
  ['errors', 'JSON'],
  ['context', 'JSON'],
  ['runs_metadata', 'JSON'],
], { indexes: [['run_id'], ['parent_run_id'], ['workflow', 'release']] });

/**
 * One row per job, and per matrix strategy of a job (`strategy_id` set). `exec_start`/`exec_end`
 * come from the job's `info` (ddeutil-workflow ≥ v0.0.80 writes them for jobs and stages).
 */
export const DDEUTIL_JOBS = tableSpec('ddeutil_jobs', [
  ['run_id', 'TEXT'],
  ['workflow', 'TEXT'],
  ['job_id', 'TEXT'],
  ['strategy_id', 'TEXT'],
  ['status', 'TEXT'],
  ['status_name', 'TEXT'],
  ['stage_count', 'INTEGER'],
  ['exec_start', 'TEXT'],
  ['exec_end', 'TEXT'],
  ['exec_latency', 'REAL'],
  ['errors', 'JSON'],
  ['matrix', 'JSON'],
], { open: false, indexes: [['run_id']] });

/** One row per stage of a job or of one of its strategies. */
export const DDEUTIL_STAGES = tableSpec('ddeutil_stages', [
  ['run_id', 'TEXT'],
  ['workflow', 'TEXT'],
  ['job_id', 'TEXT'],
  ['strategy_id', 'TEXT'],
  ['stage_id', 'TEXT'],
  ['status', 'TEXT'],
  ['status_name', 'TEXT'],
  ['exec_start', 'TEXT'],
  ['exec_end', 'TEXT'],
  ['exec_latency', 'REAL'],
  ['outputs', 'JSON'],
  ['errors', 'JSON'],
], { open: false, indexes: [['run_id']] });

const RUN_KNOWN = new Set(['name', 'release', 'type', 'context', 'run_id', 'parent_run_id', 'runs_metadata']);
const STAGE_KEYS = new Set(['outputs', 'status', 'errors', 'error', 'skipped', 'info']);
const AUDIT_PATH = /(?:^|\/)workflow=([^/]+)\/release=(\d{14})\/[^/]+\.log$/;

interface Owner {
  readonly runId: string | null;
  readonly workflow: string | null;
  /** The integer status encoding of the whole document, so a job's 1 reads as its run's does. */
  readonly era: DdeutilEra;
}

/** Keys some writers nest inside `jobs` beside the jobs (the repo's workflow_failed.json). */
const NOT_JOB_KEYS: ReadonlySet<string> = new Set(['status', 'error', 'errors']);

/** The workflow name and release folder of an audit path, or null for any other path. */
export function auditPath(rel: string): { workflow: string; release: string } | null {
  const m = AUDIT_PATH.exec(rel);
  return m ? { workflow: m[1] as string, release: m[2] as string } : null;
}

/** The ddeutil-workflow layout. */
export const ddeutilLayout: Layout = {
  name: 'ddeutil-workflow',
  accept(v: unknown, ctx: RecordContext, emit: EmitRow): boolean {
    if (!isObject(v)) {
      return false;
    }
    const where = auditPath(ctx.rel);
    if (where || isAuditDocument(v)) {
      emitRun(v, where, emit);
      return true;
    }
    return emitBareContext(v, emit);
  },
};

function isAuditDocument(v: Record<string, unknown>): boolean {
  return 'run_id' in v && ('release' in v || 'name' in v) && (isObject(v.context) || isObject(v.runs_metadata));
}

function emitRun(v: Record<string, unknown>, where: { workflow: string; release: string } | null, emit: EmitRow): void {
  const context = v.context;
  const meta = v.runs_metadata;
  const runId = text(v.run_id);
  const workflow = text(v.name) ?? where?.workflow ?? null;
  const jobs = pick(context, 'jobs');
  const era = ddeutilEra(v.type, context);
  const out = ({
    workflow,
    release: text(v.release),
    release_folder: where?.release ?? null,
    type: v.type,
    run_id: runId,
    parent_run_id: text(v.parent_run_id),
    status: pick(context, 'status'),
    status_name: ddeutilStatusName(pick(context, 'status'), era, context),
    exec_start: text(pick(meta, 'exec_start') ?? pick(context, 'info', 'exec_start')),
    exec_end: text(pick(meta, 'exec_end') ?? pick(context, 'info', 'exec_end')),
    exec_latency: pick(meta, 'exec_latency') ?? pick(context, 'info', 'exec_latency'),
    job_count: isObject(jobs) ? jobEntries(jobs).length : null,
    params: pick(context, 'params'),
    errors: pick(context, 'errors') ?? pick(context, 'error'),
    context,
    runs_metadata: meta,
  });
  emit(DDEUTIL_RUNS, withExtras(out, v, RUN_KNOWN));
  if (isObject(jobs)) {
    emitJobs(jobs, { runId, workflow, era }, emit);
  }
}

/** A context with no audit around it: a workflow's, a job's or a stage's. */
function emitBareContext(v: Record<string, unknown>, emit: EmitRow): boolean {
  const owner = { runId: null, workflow: null, era: ddeutilEra(undefined, v) };
  if (isObject(v.jobs) && jobEntries(v.jobs).length > 0) {
    emitJobs(v.jobs, owner, emit);
    return true;
  }
  if (isJob(v)) {
    emitJob(null, v, owner, emit);
    return true;
  }
  if (isObject(v.outputs) && 'status' in v && Object.keys(v).every((k) => STAGE_KEYS.has(k))) {
    emitStage(owner, null, null, null, v, emit);
    return true;
  }
  return false;
}

/**
 * Job entries of a `jobs` object: every object in it, whatever keys it has (a job that `if:` or
 * `needs` skipped is just `{"status": "SKIP"}`), except the `status`/`error` keys some writers
 * nest there, unless those hold a status of their own.
 */
function jobEntries(jobs: Record<string, unknown>): [string, Record<string, unknown>][] {
  return Object.keys(jobs)
    .map((id): [string, unknown] => [id, jobs[id]])
    .filter((e): e is [string, Record<string, unknown>] => isObject(e[1]) && (!NOT_JOB_KEYS.has(e[0]) || 'status' in e[1]));
}

/** A bare job context: stages or strategies (a skipped job inside `jobs` need not have them). */
function isJob(v: unknown): boolean {
  return isObject(v) && (isObject(v.stages) || isObject(v.strategies));
}

function emitJobs(jobs: Record<string, unknown>, owner: Owner, emit: EmitRow): void {
  for (const [id, job] of jobEntries(jobs)) {
    emitJob(id, job, owner, emit);
  }
}

function emitJob(jobId: string | null, job: Record<string, unknown>, owner: Owner, emit: EmitRow): void {
  emit(DDEUTIL_JOBS, jobRow(jobId, null, job, owner));
  emitStages(owner, jobId, null, job.stages, emit);
  const strategies = job.strategies;
  if (isObject(strategies)) {
    for (const sid of Object.keys(strategies)) {
      const s = strategies[sid];
      if (isObject(s)) {
        emit(DDEUTIL_JOBS, jobRow(jobId, sid, s, owner));
        emitStages(owner, jobId, sid, s.stages, emit);
      }
    }
  }
}

function jobRow(jobId: string | null, strategyId: string | null, job: Record<string, unknown>, owner: Owner): Record<string, unknown> {
  return ({
    run_id: owner.runId,
    workflow: owner.workflow,
    job_id: jobId,
    strategy_id: strategyId,
    status: job.status,
    status_name: ddeutilStatusName(job.status, owner.era, job),
    stage_count: isObject(job.stages) ? Object.keys(job.stages).length : null,
    ...execTimes(job),
    errors: job.errors ?? job.error,
    matrix: job.matrix,
  });
}

function emitStages(owner: Owner, jobId: string | null, strategyId: string | null, stages: unknown, emit: EmitRow): void {
  if (!isObject(stages)) {
    return;
  }
  for (const sid of Object.keys(stages)) {
    const s = stages[sid];
    if (isObject(s)) {
      emitStage(owner, jobId, strategyId, sid, s, emit);
    }
  }
}

function emitStage(owner: Owner, jobId: string | null, strategyId: string | null, stageId: string | null, s: Record<string, unknown>, emit: EmitRow): void {
  emit(DDEUTIL_STAGES, ({
    run_id: owner.runId,
    workflow: owner.workflow,
    job_id: jobId,
    strategy_id: strategyId,
    stage_id: stageId,
    status: s.status,
    status_name: ddeutilStatusName(s.status, owner.era, s),
    ...execTimes(s),
    outputs: s.outputs,
    errors: s.errors ?? s.error,
  }));
}

/** When a job or stage ran, from its `info` (`str(datetime)` text, as ddeutil writes it). */
function execTimes(v: Record<string, unknown>): { exec_start: string | null; exec_end: string | null; exec_latency: unknown } {
  return { exec_start: text(pick(v, 'info', 'exec_start')), exec_end: text(pick(v, 'info', 'exec_end')), exec_latency: pick(v, 'info', 'exec_latency') ?? null };
}

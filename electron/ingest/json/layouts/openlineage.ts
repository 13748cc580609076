import { isObject, pick, tableSpec, text, withExtras, type EmitRow, type Layout, type RecordContext } from './layout-kit';

/**
 * OpenLineage events (spec 2-0-2, §5.1 of audit-formats.md): RunEvent, DatasetEvent and JobEvent,
 * one per file, in arrays or as NDJSON. Each event is one row of `openlineage_events` with the ids,
 * names and times a view needs as columns and the facets and dataset lists as JSON, so nothing is
 * lost; each input and output is a row of `openlineage_edges`. Runs, jobs and datasets are derived
 * from those two tables in SQL once the files are loaded (see `OPENLINEAGE_DERIVED`).
 */
export const OPENLINEAGE_EVENTS = tableSpec('openlineage_events', [
  ['event_id', 'INTEGER'],
  ['event_time', 'TEXT'],
  ['event_type', 'TEXT'],
  ['event_kind', 'TEXT'],
  ['run_id', 'TEXT'],
  ['job_namespace', 'TEXT'],
  ['job_name', 'TEXT'],
  ['parent_run_id', 'TEXT'],
  ['parent_job_namespace', 'TEXT'],
  ['parent_job_name', 'TEXT'],
  ['root_run_id', 'TEXT'],
  ['nominal_start_time', 'TEXT'],
  ['nominal_end_time', 'TEXT'],
  ['error_message', 'TEXT'],
  ['producer', 'TEXT'],
  ['schema_url', 'TEXT'],
  ['run_facets', 'JSON'],
  ['job_facets', 'JSON'],
  ['inputs', 'JSON'],
  ['outputs', 'JSON'],
  ['dataset', 'JSON'],
], { rowidAlias: 'event_id', indexes: [['run_id']] });

/** One row per input or output dataset of an event: the lineage graph's edges. */
export const OPENLINEAGE_EDGES = tableSpec('openlineage_edges', [
  ['event_id', 'INTEGER'],
  ['run_id', 'TEXT'],
  ['direction', 'TEXT'],
  ['dataset_namespace', 'TEXT'],
  ['dataset_name', 'TEXT'],
  ['facets', 'JSON'],
  ['io_facets', 'JSON'],
], { open: false, indexes: [['dataset_namespace', 'dataset_name', 'direction'], ['run_id']] });

const KNOWN = new Set(['eventTime', 'eventType', 'run', 'job', 'inputs', 'outputs', 'dataset', 'producer', 'schemaURL']);
const RUN_KEYS = new Set(['runId', 'facets']);
const JOB_KEYS = new Set(['namespace', 'name', 'facets']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Why a run id is no real id: an unrendered template (`{{ any(result) }}`, written by dbt-ol when a
 * macro did not render) or anything but a UUID, which the spec requires; null for a real id.
 */
export function suspiciousRunId(id: string): string | null {
  if (/\{\{|\{%|\$\{/.test(id)) {
    return 'an unrendered template';
  }
  return UUID.test(id.trim()) ? null : 'not a UUID';
}

/**
 * The run id a row is grouped by: a real id as written; a suspicious one scoped to its file
 * (`{{ any(result) }} @ dbt/run-1.json`), so events of different files that share a placeholder
 * never merge into one run of months; listed as a load problem either way.
 */
export function scopedRunId(id: string | null, ctx: RecordContext): string | null {
  const why = id === null ? null : suspiciousRunId(id);
  if (id === null || why === null) {
    return id;
  }
  ctx.note?.(`run id "${id.length > 80 ? `${id.slice(0, 80)}…` : id}" is ${why}: its events make a run of this file only`);
  return `${id} @ ${ctx.rel}`;
}

/** True for anything shaped like an OpenLineage event (test placeholders and missing ids allowed). */
export function isOpenLineageEvent(v: unknown): v is Record<string, unknown> {
  return isObject(v)
    && (typeof v.eventTime === 'string' || typeof v.eventType === 'string')
    && (isObject(v.run) || isObject(v.job) || isObject(v.dataset) || Array.isArray(v.inputs) || Array.isArray(v.outputs));
}

/** The OpenLineage layout. */
export const openLineageLayout: Layout = {
  name: 'openlineage',
  accept(v: unknown, ctx: RecordContext, emit: EmitRow): boolean {
    if (!isOpenLineageEvent(v)) {
      return false;
    }
    const run = v.run;
    const job = v.job;
    const facets = pick(run, 'facets');
    const parent = pick(facets, 'parent');
    const runId = scopedRunId(text(pick(run, 'runId')), ctx);
    const out: Record<string, unknown> = {
      event_id: null,
      event_time: v.eventTime,
      event_type: v.eventType,
      event_kind: isObject(run) ? 'run' : isObject(v.dataset) && !isObject(job) ? 'dataset' : 'job',
      run_id: runId,
      job_namespace: text(pick(job, 'namespace')),
      job_name: text(pick(job, 'name')),
      parent_run_id: text(pick(parent, 'run', 'runId')),
      parent_job_namespace: text(pick(parent, 'job', 'namespace')),
      parent_job_name: text(pick(parent, 'job', 'name')),
      root_run_id: text(pick(parent, 'root', 'run', 'runId')),
      nominal_start_time: text(pick(facets, 'nominalTime', 'nominalStartTime')),
      nominal_end_time: text(pick(facets, 'nominalTime', 'nominalEndTime')),
      error_message: text(pick(facets, 'errorMessage', 'message')),
      producer: v.producer,
      schema_url: v.schemaURL,
      run_facets: facets,
      job_facets: pick(job, 'facets'),
      inputs: v.inputs,
      outputs: v.outputs,
      dataset: v.dataset,
    };
    // Keys outside the spec are kept: at the top level as columns, inside run and job as JSON.
    withExtras(out, v, KNOWN);
    if (isObject(run) && Object.keys(run).some((k) => !RUN_KEYS.has(k))) {
      out.run = run;
    }
    if (isObject(job) && Object.keys(job).some((k) => !JOB_KEYS.has(k))) {
      out.job = job;
    }
    const eventId = emit(OPENLINEAGE_EVENTS, out);
    emitEdges(eventId, runId, 'input', v.inputs, 'inputFacets', emit);
    emitEdges(eventId, runId, 'output', v.outputs, 'outputFacets', emit);
    return true;
  },
};

function emitEdges(eventId: number | null, runId: string | null, direction: string, list: unknown, ioKey: string, emit: EmitRow): void {
  if (!Array.isArray(list)) {
    return;
  }
  for (const d of list) {
    if (isObject(d)) {
      emit(OPENLINEAGE_EDGES, {
        event_id: eventId,
        run_id: runId,
        direction,
        dataset_namespace: text(d.namespace),
        dataset_name: text(d.name),
        facets: d.facets,
        io_facets: d[ioKey],
      });
    }
  }
}

/** Orders event types so a run's state is its most final one (a run that failed stays FAIL). */
const STATE_RANK = `CASE event_type WHEN 'FAIL' THEN 6 WHEN 'ABORT' THEN 5 WHEN 'COMPLETE' THEN 4 WHEN 'RUNNING' THEN 3
  WHEN 'START' THEN 2 WHEN 'OTHER' THEN 1 END`;
const STATE_NAME = `CASE max(${STATE_RANK}) WHEN 6 THEN 'FAIL' WHEN 5 THEN 'ABORT' WHEN 4 THEN 'COMPLETE' WHEN 3 THEN 'RUNNING'
  WHEN 2 THEN 'START' WHEN 1 THEN 'OTHER' END`;
/**
 * A sortable UTC key of an event time that keeps its fraction as written (julianday's double
 * holds about 20 µs, so `.427343` would come back `.427`): UTC seconds, then the written digits
 * padded to nanoseconds, so runs from producers with different offsets sort together.
 */
const FRACTION = "substr(event_time, 21)";
const utcKey = `strftime('%Y-%m-%dT%H:%M:%S', event_time) || '.' || substr((CASE WHEN substr(event_time, 20, 1) = '.' THEN substr(${FRACTION}, 1, length(${FRACTION}) - length(ltrim(${FRACTION}, '0123456789'))) ELSE '' END) || '000000000', 1, 9)`;
/** UTC ISO text to the microsecond of a key, NULL for NULL. */
const iso = (key: string): string => `substr(${key}, 1, 26) || 'Z'`;

/**
 * Tables derived by SQL after each load: runs from events, jobs from runs, datasets from edges.
 * They are aggregates, rebuilt whole each time (each from the smallest table that has what it
 * needs, so no aggregate needs a DISTINCT).
 * Runs are grouped by sorting the events (NOT INDEXED: walking the run_id index visits the rows
 * in random order, 0.86 s against 0.56 s for 300k events); datasets are counted per edge through
 * the edges' (namespace, name, direction) index, which covers that query (0.24 s to 0.08 s).
 */
export const OPENLINEAGE_DERIVED = {
  source: 'openlineage_events',
  /** Layout tables the statements read, created empty when no record wrote them. */
  needs: [OPENLINEAGE_EDGES],
  create: [
    `CREATE TABLE IF NOT EXISTS openlineage_runs (
      run_id TEXT, job_namespace TEXT, job_name TEXT, parent_run_id TEXT, parent_job_namespace TEXT,
      parent_job_name TEXT, root_run_id TEXT, state TEXT, started_at TEXT, ended_at TEXT, event_count INTEGER,
      error_message TEXT, nominal_start_time TEXT, nominal_end_time TEXT)`,
    `CREATE TABLE IF NOT EXISTS openlineage_jobs (
      job_namespace TEXT, job_name TEXT, run_count INTEGER, event_count INTEGER, first_started_at TEXT, last_ended_at TEXT)`,
    `CREATE TABLE IF NOT EXISTS openlineage_datasets (
      dataset_namespace TEXT, dataset_name TEXT, read_count INTEGER, write_count INTEGER, event_count INTEGER)`,
  ],
  /** Statements run after every load. */
  refresh: [
    `DELETE FROM openlineage_runs`,
    `INSERT INTO openlineage_runs
       SELECT run_id, max(job_namespace), max(job_name), max(parent_run_id), max(parent_job_namespace), max(parent_job_name),
              max(root_run_id), ${STATE_NAME}, ${iso('min(k)')},
              ${iso("max(CASE WHEN event_type IN ('COMPLETE', 'FAIL', 'ABORT') THEN k END)")},
              count(*), max(error_message), max(nominal_start_time), max(nominal_end_time)
       FROM (SELECT run_id, job_namespace, job_name, parent_run_id, parent_job_namespace, parent_job_name, root_run_id, event_type,
                    ${utcKey} AS k, error_message, nominal_start_time, nominal_end_time
             FROM openlineage_events NOT INDEXED WHERE run_id IS NOT NULL)
       GROUP BY run_id`,
    `DELETE FROM openlineage_jobs`,
    `INSERT INTO openlineage_jobs
       SELECT job_namespace, job_name, count(*), sum(event_count), min(started_at), max(coalesce(ended_at, started_at))
       FROM openlineage_runs WHERE job_name IS NOT NULL GROUP BY job_namespace, job_name`,
    `DELETE FROM openlineage_datasets`,
    `INSERT INTO openlineage_datasets
       SELECT ns, name, sum(r), sum(w), sum(c)
       FROM (SELECT dataset_namespace AS ns, dataset_name AS name, sum(direction = 'input') AS r, sum(direction = 'output') AS w, count(*) AS c
             FROM openlineage_edges WHERE dataset_name IS NOT NULL GROUP BY dataset_namespace, dataset_name
             UNION ALL
             SELECT dataset ->> '$.namespace', dataset ->> '$.name', 0, 0, count(*) FROM openlineage_events
             WHERE event_kind = 'dataset' AND json_valid(dataset) AND json_type(dataset) = 'object' AND dataset ->> '$.name' IS NOT NULL
             GROUP BY 1, 2)
       GROUP BY ns, name`,
  ],
  indexes: [
    'CREATE UNIQUE INDEX IF NOT EXISTS openlineage_runs__run_id ON openlineage_runs (run_id)',
    'CREATE INDEX IF NOT EXISTS openlineage_runs__parent_run_id ON openlineage_runs (parent_run_id)',
  ],
} as const;

import type { AuditModel, LineageMapping } from '../../shared/model/audit-model';
import type { TableInfo } from '../../shared/model/catalog';
import type { DerivedRelation, RelExpr } from '../../shared/model/relation';
import { columnLineageMapping } from './openlineage-column-lineage';
import type { Profile } from './profile';
import { hasColumns, tablesBySchema } from './profile';

/**
 * OpenLineage events read from files (the JSON source's `openlineage_*` tables): the
 * START/RUNNING/COMPLETE/FAIL/ABORT events of a runId make one run (grouped by the cache, so the
 * key is unique), the events themselves are its steps in time order, parent run ids link runs,
 * and the input/output edges feed the lineage view. Event times carry their offsets.
 */
export const openLineageProfile: Profile = {
  id: 'openlineage',
  title: 'OpenLineage events',
  detect(catalog) {
    const found: AuditModel[] = [];
    if (catalog.source.kind !== 'json') {
      return found;
    }
    for (const tables of tablesBySchema(catalog).values()) {
      const runs = tables.get('openlineage_runs');
      const events = tables.get('openlineage_events');
      if (!runs || !events || !hasColumns(runs, ['run_id', 'job_name', 'state', 'started_at']) || !hasColumns(events, ['run_id', 'event_time', 'event_type'])) {
        continue;
      }
      const edges = tables.get('openlineage_edges');
      found.push({
        formatId: 'openlineage',
        title: this.title,
        runs: {
          table: { schema: runs.schema, name: runs.name },
          key: ['run_id'],
          unique: true,
          name: 'job_name',
          started: 'started_at',
          ended: 'ended_at',
          status: 'state',
          ...(hasColumns(runs, ['error_message']) ? { message: 'error_message' } : {}),
          ...(hasColumns(runs, ['parent_run_id']) ? { parent: { column: 'parent_run_id', key: 'run_id' } } : {}),
        },
        steps: {
          table: { schema: events.schema, name: events.name },
          // Dataset and job events have no run: they are no run's steps.
          relation: { base: { schema: events.schema, name: events.name }, where: [{ k: 'case', when: [{ cond: { k: 'isNull', e: c('run_id') }, then: { k: 'lit', value: 0 } }], otherwise: { k: 'lit', value: 1 } }], columns: events.columns.map((x) => ({ name: x.name, expr: c(x.name), family: x.family })) },
          outside: { base: { schema: events.schema, name: events.name }, where: [{ k: 'isNull', e: c('run_id') }], columns: [{ name: 'event_type', expr: c('event_type'), family: 'text' }] },
          runKey: ['run_id'],
          order: [{ column: 'event_time' }, ...(hasColumns(events, ['event_id']) ? [{ column: 'event_id' }] : [])],
          name: 'event_type',
          at: 'event_time',
          // Events are instants: START and COMPLETE are two ticks, the run is the span.
          interval: { kind: 'point' },
          status: 'event_type',
          ...(hasColumns(events, ['error_message']) ? { message: 'error_message' } : {}),
        },
        runStatus: { complete: 'ok', fail: 'failed', abort: 'failed', start: 'running', running: 'running', other: 'unknown' },
        stepStatus: { start: 'ok', running: 'ok', complete: 'ok', fail: 'failed', abort: 'failed', other: 'unknown' },
        naiveTime: 'utc',
        timeline: true,
        lineage: edges ? openLineageEdges(edges, runs) : [],
      });
    }
    return found;
  },
};

const c = (name: string): RelExpr => ({ k: 'col', name });
const isInput: RelExpr = { k: 'eq', a: c('direction'), b: { k: 'lit', value: 'input' } };
const pick = (input: RelExpr, output: RelExpr): RelExpr => ({ k: 'case', when: [{ cond: isInput, then: input }], otherwise: output });

/**
 * OpenLineage's inputs and outputs as edges through the job: an input is dataset → job, an output
 * job → dataset. The job's name comes from the run that read or wrote the dataset.
 */
function openLineageEdges(edges: TableInfo, runs: TableInfo): LineageMapping[] {
  const lit = (value: string): RelExpr => ({ k: 'lit', value });
  const table = { schema: edges.schema, name: edges.name };
  // Output datasets with the facets that may hold their column lineage, and their run's job.
  const outputs: DerivedRelation = {
    base: table,
    where: [{ k: 'eq', a: c('direction'), b: lit('output') }],
    columns: [
      { name: 'out_ns', expr: c('dataset_namespace'), family: 'text' },
      { name: 'out_name', expr: c('dataset_name'), family: 'text' },
      { name: 'out_facets', expr: c('facets'), family: 'text' },
      { name: 'job_ns', expr: c('job_namespace'), family: 'text' },
      { name: 'job_name', expr: c('job_name'), family: 'text' },
      { name: 'run_key', expr: c('run_id'), family: 'text' },
      { name: 'at', expr: c('started_at'), family: 'temporal' },
    ],
    join: { relation: runsBeside(runs), on: [{ left: 'run_id', right: 'r_run_id' }] },
  };
  const columns = hasColumns(edges, ['facets']) ? [columnLineageMapping(table, outputs, 'temporal')] : [];
  return [{
    label: 'OpenLineage inputs and outputs',
    table: { schema: edges.schema, name: edges.name },
    relation: {
      base: { schema: edges.schema, name: edges.name },
      columns: [
        { name: 'source_type', expr: pick(lit('DATASET'), lit('JOB')), family: 'text' },
        { name: 'source_namespace', expr: pick(c('dataset_namespace'), c('job_namespace')), family: 'text' },
        { name: 'source_name', expr: pick(c('dataset_name'), c('job_name')), family: 'text' },
        { name: 'target_type', expr: pick(lit('JOB'), lit('DATASET')), family: 'text' },
        { name: 'target_namespace', expr: pick(c('job_namespace'), c('dataset_namespace')), family: 'text' },
        { name: 'target_name', expr: pick(c('job_name'), c('dataset_name')), family: 'text' },
        { name: 'run_id', expr: c('run_id'), family: 'text' },
        { name: 'recorded_at', expr: c('started_at'), family: 'temporal' },
      ],
      join: { relation: runsBeside(runs), on: [{ left: 'run_id', right: 'r_run_id' }] },
    },
    source: { type: 'source_type', namespace: 'source_namespace', name: 'source_name' },
    target: { type: 'target_type', namespace: 'target_namespace', name: 'target_name' },
    recordedBy: 'run_id',
    validFrom: 'recorded_at',
    // Dataset names are already qualified (`db.schema.table`); the namespace is a server URI.
    bareNames: true,
  }, ...columns];
}

/** The run of an edge row, to join beside it: its job and start. */
function runsBeside(runs: TableInfo): DerivedRelation {
  return {
    base: { schema: runs.schema, name: runs.name },
    columns: [
      { name: 'r_run_id', expr: c('run_id'), family: 'text' },
      { name: 'job_namespace', expr: c('job_namespace'), family: 'text' },
      { name: 'job_name', expr: c('job_name'), family: 'text' },
      { name: 'started_at', expr: c('started_at'), family: 'temporal' },
    ],
  };
}

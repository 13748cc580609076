/**
 * The lineage in Marquez's `lineage_events`: each event's jsonb `inputs` and `outputs` as
 * dataset → job → dataset edges (as the file reader's openlineage_edges give them), and the column
 * lineage facet of its outputs as column edges. The arrays are expanded in SQL where the events
 * are, so nothing is copied out of the store.
 */
import type { LineageMapping } from '../../shared/model/audit-model';
import type { TableInfo } from '../../shared/model/catalog';
import type { DerivedRelation, RelColumn, RelExpr } from '../../shared/model/relation';
import { columnLineageMapping } from './openlineage-column-lineage';
import { col, hasColumns } from './profile';

const c = (name: string): RelExpr => ({ k: 'col', name });
const lit = (value: string): RelExpr => ({ k: 'lit', value });
const json = (key: string): RelExpr => ({ k: 'jsonText', e: c('value'), key });
const txt = (name: string, expr: RelExpr): RelColumn => ({ name, expr, family: 'text' });

/** The edges of one list (`inputs` or `outputs`) of every event, oriented through the event's job. */
function ioEdges(t: TableInfo, list: 'inputs' | 'outputs'): DerivedRelation {
  const dataset = [txt('d_type', lit('DATASET')), txt('d_ns', json('namespace')), txt('d_name', json('name'))];
  const job = [txt('j_type', lit('JOB')), txt('j_ns', jobNamespace(t)), txt('j_name', c(col(t, 'job_name')))];
  const [from, to] = list === 'inputs' ? [dataset, job] : [job, dataset];
  const ends = ['source', 'target'].flatMap((p, i) => (i === 0 ? from : to).map((x, k) => ({ ...x, name: `${p}_${['type', 'namespace', 'name'][k] ?? ''}` })));
  return {
    base: { schema: t.schema, name: t.name },
    columns: [...ends, txt('run_key', { k: 'text', e: c(col(t, 'run_uuid')) }), { name: 'at', expr: c(col(t, 'event_time')), family: 'temporal' }],
    each: { e: c(col(t, 'event')), key: list, array: true },
  };
}

function jobNamespace(t: TableInfo): RelExpr {
  return hasColumns(t, ['job_namespace']) ? c(col(t, 'job_namespace')) : { k: 'null' };
}

/** The lineage mappings of a `lineage_events` table that has its `event` document; none otherwise. */
export function marquezLineage(t: TableInfo): LineageMapping[] {
  if (!hasColumns(t, ['event', 'event_time', 'job_name', 'run_uuid'])) {
    return [];
  }
  const table = { schema: t.schema, name: t.name };
  const ends = ['source_type', 'source_namespace', 'source_name', 'target_type', 'target_namespace', 'target_name', 'run_key'];
  // The START, RUNNING and COMPLETE events of a run repeat its inputs and outputs: one edge, first seen.
  const io: DerivedRelation = {
    base: { ...ioEdges(t, 'inputs'), unionAll: [ioEdges(t, 'outputs')] },
    columns: [...ends.map((n) => txt(n, c(n))), { name: 'recorded_at', expr: { k: 'agg', fn: 'min', e: c('at') }, family: 'temporal' }],
    groupBy: ends.map(c),
  };
  const outputs: DerivedRelation = {
    base: table,
    columns: [
      txt('out_ns', json('namespace')), txt('out_name', json('name')), txt('out_facets', json('facets')),
      txt('job_ns', jobNamespace(t)), txt('job_name', c(col(t, 'job_name'))), txt('run_key', { k: 'text', e: c(col(t, 'run_uuid')) }),
      { name: 'at', expr: c(col(t, 'event_time')), family: 'temporal' },
    ],
    each: { e: c(col(t, 'event')), key: 'outputs', array: true },
  };
  return [{
    label: `${t.name} inputs and outputs`,
    table,
    relation: io,
    source: { type: 'source_type', namespace: 'source_namespace', name: 'source_name' },
    target: { type: 'target_type', namespace: 'target_namespace', name: 'target_name' },
    recordedBy: 'run_key',
    validFrom: 'recorded_at',
    // Dataset names are qualified already; the namespace is a server URI (as from files).
    bareNames: true,
  }, columnLineageMapping(table, outputs, 'temporal')];
}

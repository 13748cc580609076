/**
 * OpenLineage's column lineage facet (`outputs[].facets.columnLineage.fields`, spec 1-2-0) as
 * column edges, for events read from files and for Marquez's `lineage_events`: each input field of
 * an output field is an edge `input dataset.field → output dataset.field`, once per entry of its
 * `transformations` list (DIRECT / INDIRECT with a subtype such as IDENTITY, FILTER or JOIN). Facets
 * of the older spec name one `transformationType` per output field; it reads as a DIRECT subtype.
 * The facet's `dataset` list (fields that affect the whole output, such as a FILTER or a SORT)
 * counts as an input of every output field.
 */
import type { LineageMapping } from '../../shared/model/audit-model';
import type { TableRef } from '../../shared/model/catalog';
import type { DerivedRelation, RelColumn, RelExpr } from '../../shared/model/relation';

const c = (name: string): RelExpr => ({ k: 'col', name });
const json = (e: RelExpr, key: string): RelExpr => ({ k: 'jsonText', e, key });
const isNull = (e: RelExpr): RelExpr => ({ k: 'eq', a: { k: 'isNull', e }, b: { k: 'lit', value: 1 } });
const txt = (name: string, expr: RelExpr): RelColumn => ({ name, expr, family: 'text' });
const keep = (names: readonly string[]): RelColumn[] => names.map((n) => txt(n, c(n)));

/** The columns an output-dataset relation must have (see `columnLineageMapping`). */
const CARRIED = ['out_ns', 'out_name', 'job_ns', 'job_name', 'run_key'] as const;

/**
 * A column-edge mapping over `outputs`: one row per output dataset of an event, with columns
 * `out_ns`, `out_name`, `out_facets` (the dataset's facets, JSON), `job_ns`, `job_name`, `run_key`
 * and `at` (the time the edge is recorded at, of family `atFamily`). `table` names the store table
 * the user would recognise. Edges repeated by the START, RUNNING and COMPLETE events of a run are
 * one edge, from its earliest time.
 */
export function columnLineageMapping(table: TableRef, outputs: DerivedRelation, atFamily: RelColumn['family']): LineageMapping {
  const at: RelColumn = { name: 'at', expr: c('at'), family: atFamily };
  const fields: DerivedRelation = {
    base: outputs,
    columns: [...keep(CARRIED), at, txt('out_field', { k: 'text', e: c('key') }), txt('field_doc', c('value')), txt('out_facets', c('out_facets'))],
    each: { e: c('out_facets'), key: 'columnLineage', path: ['fields'] },
  };
  // Each output field's own inputs, then the dataset-wide ones: the same columns, in the same order.
  const inputsOf = (fieldInputs: boolean): DerivedRelation => ({
    base: fields,
    columns: [
      ...keep(CARRIED), at, ...keep(['out_field']),
      txt('in_ns', json(c('value'), 'namespace')), txt('in_name', json(c('value'), 'name')), txt('in_field', json(c('value'), 'field')),
      txt('in_doc', c('value')),
      txt('legacy_type', fieldInputs ? json(c('field_doc'), 'transformationType') : { k: 'null' }),
      txt('legacy_desc', fieldInputs ? json(c('field_doc'), 'transformationDescription') : { k: 'null' }),
    ],
    each: fieldInputs ? { e: c('field_doc'), key: 'inputFields', array: true } : { e: c('out_facets'), key: 'columnLineage', path: ['dataset'], array: true },
  });
  const steps: DerivedRelation = {
    base: { ...inputsOf(true), unionAll: [inputsOf(false)] },
    columns: [
      ...keep([...CARRIED, 'out_field', 'in_ns', 'in_name', 'in_field']), at,
      txt('tt', { k: 'coalesce', parts: [json(c('value'), 'type'), { k: 'case', when: [{ cond: isNull(c('legacy_type')), then: { k: 'null' } }], otherwise: { k: 'lit', value: 'DIRECT' } }] }),
      txt('tsub', { k: 'coalesce', parts: [json(c('value'), 'subtype'), c('legacy_type')] }),
      // The spec's producers write an empty description rather than none.
      txt('tdesc', { k: 'case', when: [{ cond: { k: 'eq', a: { k: 'coalesce', parts: [json(c('value'), 'description'), { k: 'lit', value: '' }] }, b: { k: 'lit', value: '' } }, then: c('legacy_desc') }], otherwise: json(c('value'), 'description') }),
    ],
    each: { e: c('in_doc'), key: 'transformations', array: true, outer: true },
  };
  const grouped = [...CARRIED, 'out_field', 'in_ns', 'in_name', 'in_field', 'tt', 'tsub', 'tdesc'];
  return {
    label: 'OpenLineage column lineage facets',
    table,
    relation: {
      base: steps,
      columns: [...keep(grouped), { name: 'recorded_at', expr: { k: 'agg', fn: 'min', e: c('at') }, family: atFamily }],
      groupBy: grouped.map(c),
      where: [{ k: 'case', when: [{ cond: isNull(c('in_field')), then: { k: 'lit', value: 0 } }], otherwise: { k: 'lit', value: 1 } }],
    },
    source: { namespace: 'in_ns', name: 'in_name', column: 'in_field' },
    target: { namespace: 'out_ns', name: 'out_name', column: 'out_field' },
    transformation: { type: 'tt', subtype: 'tsub', description: 'tdesc' },
    via: 'job_name',
    recordedBy: 'run_key',
    validFrom: 'recorded_at',
    bareNames: true,
    columnsOnly: true,
  };
}

import type { LineageMapping } from '../model/audit-model';
import type { DerivedRelation, RelExpr } from '../model/relation';
import type { Dialect } from './dialect';
import { compileRelation } from './relation';
import type { SqlText } from './sql';
import { Params } from './sql';

const colOr = (name: string | undefined): RelExpr => (name === undefined ? { k: 'null' } : { k: 'col', name });

/**
 * The lineage edges into some nodes, `(source namespace, source name, target namespace, target
 * name)`, from a format's lineage mapping: what a run's steps waited for, where each step produces
 * a node. At most `limit` rows.
 */
export function compileEdgesInto(m: LineageMapping, targetNames: readonly string[], d: Dialect, limit: number): SqlText {
  const p = new Params(d);
  const rel: DerivedRelation = {
    base: m.relation ?? m.table,
    columns: [
      { name: 'sn', expr: { k: 'text', e: colOr(m.source.namespace) }, family: 'text' },
      { name: 'sv', expr: { k: 'text', e: colOr(m.source.name) }, family: 'text' },
      { name: 'tn', expr: { k: 'text', e: colOr(m.target.namespace) }, family: 'text' },
      { name: 'tv', expr: { k: 'text', e: colOr(m.target.name) }, family: 'text' },
    ],
  };
  const names = targetNames.length === 0 ? 'NULL' : targetNames.map((n) => p.add(n)).join(', ');
  const sql = `SELECT e.sn, e.sv, e.tn, e.tv FROM ${compileRelation(rel, d, 'e')} WHERE e.tv IN (${names}) LIMIT ${p.add(limit)}`;
  return { sql, params: p.values };
}

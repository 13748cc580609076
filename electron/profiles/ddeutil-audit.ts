import type { AuditModel } from '../../shared/model/audit-model';
import type { DerivedRelation, RelExpr } from '../../shared/model/relation';
import type { Profile } from './profile';
import { col, hasColumns, tablesBySchema } from './profile';

const c = (name: string): RelExpr => ({ k: 'col', name });
const inflate = (e: RelExpr): RelExpr => ({ k: 'appFn', fn: 'inflate', e });

/**
 * ddeutil-workflow audits in SQLite (`audits`, v0.0.79+): one row per workflow release, with
 * `context` and `metadata` as zlib-compressed JSON. The runs view decodes both to JSON text (so
 * they can be read, filtered and exported), takes exec_start/exec_end from the metadata and the
 * status from the context in any of its three encodings. File audits arrive through the JSON
 * source, whose cache carries its own runs table.
 */
export const ddeutilAuditProfile: Profile = {
  id: 'ddeutil-audit',
  title: 'ddeutil-workflow audits',
  detect(catalog) {
    const found: AuditModel[] = [];
    if (catalog.source.kind !== 'sqlite') {
      return found;
    }
    for (const tables of tablesBySchema(catalog).values()) {
      const t = tables.get('audits');
      if (!t || !hasColumns(t, ['workflow', 'release', 'type', 'context', 'run_id', 'metadata'])) {
        continue;
      }
      const context = c(col(t, 'context'));
      const metadata = c(col(t, 'metadata'));
      const relation: DerivedRelation = {
        base: { schema: t.schema, name: t.name },
        columns: [
          ...t.columns.filter((x) => !['context', 'metadata'].includes(x.name.toLowerCase())).map((x) => ({ name: x.name, expr: c(x.name), family: x.family })),
          { name: 'status', expr: { k: 'appFn', fn: 'ddeutilStatus', e: context }, family: 'text' },
          { name: 'exec_start', expr: { k: 'coalesce', parts: [{ k: 'jsonText', e: inflate(metadata), key: 'exec_start' }, c(col(t, 'release'))] }, family: 'temporal' },
          { name: 'exec_end', expr: { k: 'jsonText', e: inflate(metadata), key: 'exec_end' }, family: 'temporal' },
          { name: 'errors', expr: { k: 'jsonText', e: inflate(context), key: 'errors' }, family: 'json' },
          { name: 'context_json', expr: inflate(context), family: 'json' },
          { name: 'metadata_json', expr: inflate(metadata), family: 'json' },
        ],
      };
      found.push({
        formatId: 'ddeutil-audit',
        title: this.title,
        runs: {
          table: { schema: t.schema, name: t.name },
          relation,
          key: [col(t, 'workflow'), col(t, 'release')],
          name: col(t, 'workflow'),
          started: 'exec_start',
          ended: 'exec_end',
          status: 'status',
          message: 'errors',
        },
        steps: null,
        runStatus: { success: 'ok', failed: 'failed', cancel: 'failed', wait: 'running', skip: 'skipped' },
        stepStatus: {},
        // get_dt_now() labels local wall time as UTC; the values carry "+00:00" and are shown as given.
        naiveTime: 'utc',
        timeline: true,
        lineage: [],
      });
    }
    return found;
  },
};

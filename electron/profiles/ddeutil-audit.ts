import type { AuditModel, StepsMapping } from '../../shared/model/audit-model';
import type { Catalog, TableInfo } from '../../shared/model/catalog';
import type { DerivedRelation, RelExpr } from '../../shared/model/relation';
import type { Profile } from './profile';
import { col, hasColumns, tablesBySchema } from './profile';

const c = (name: string): RelExpr => ({ k: 'col', name });
const inflate = (e: RelExpr): RelExpr => ({ k: 'appFn', fn: 'inflate', e });

/**
 * The jobs of each audit row as steps, decoded in SQL: one row per entry of the inflated
 * `context.jobs` (json_each), so filters, counts and export run in the engine. Every job is a
 * step, a skipped one (`{"status": "SKIP"}`) too; the `status`/`error` keys some writers nest in
 * `jobs` are not, unless they hold a status. Times are the job's info.exec_start / exec_end.
 */
function jobSteps(t: TableInfo): StepsMapping {
  const job = c('value');
  const info = (key: string): RelExpr => ({ k: 'jsonText', e: { k: 'jsonText', e: job, key: 'info' }, key });
  const nested = (key: string): RelExpr => ({ k: 'eq', a: c('key'), b: { k: 'lit', value: key } });
  const isJob: RelExpr = {
    k: 'case',
    when: [{ cond: { k: 'isNull', e: { k: 'jsonText', e: job, key: 'status' } }, then: { k: 'case', when: ['status', 'error', 'errors'].map((key) => ({ cond: nested(key), then: { k: 'lit', value: 0 } })), otherwise: { k: 'lit', value: 1 } } }],
    otherwise: { k: 'lit', value: 1 },
  };
  const relation: DerivedRelation = {
    base: { schema: t.schema, name: t.name },
    each: { e: inflate(c(col(t, 'context'))), key: 'jobs' },
    where: [isJob],
    columns: [
      { name: col(t, 'workflow'), expr: c(col(t, 'workflow')), family: 'text' },
      { name: col(t, 'release'), expr: c(col(t, 'release')), family: 'text' },
      { name: col(t, 'run_id'), expr: c(col(t, 'run_id')), family: 'text' },
      { name: 'job_id', expr: c('key'), family: 'text' },
      { name: 'status', expr: { k: 'text', e: { k: 'jsonText', e: job, key: 'status' } }, family: 'text' },
      { name: 'exec_start', expr: info('exec_start'), family: 'temporal' },
      { name: 'exec_end', expr: info('exec_end'), family: 'temporal' },
      { name: 'errors', expr: { k: 'coalesce', parts: [{ k: 'jsonText', e: job, key: 'errors' }, { k: 'jsonText', e: job, key: 'error' }] }, family: 'json' },
      { name: 'job', expr: job, family: 'json' },
    ],
  };
  return {
    table: { schema: t.schema, name: t.name },
    relation,
    runKey: [col(t, 'workflow'), col(t, 'release')],
    order: [{ column: 'exec_start', nullsLast: true }, { column: 'job_id' }],
    name: 'job_id',
    at: 'exec_start',
    interval: { kind: 'end', column: 'exec_end' },
    status: 'status',
    message: 'errors',
  };
}

/**
 * The blob columns of a ddeutil `audits` table as the JSON text they hold, for the table view and
 * its export (the runs view decodes them already); null for any other table or a Postgres store.
 */
export function ddeutilDecodedColumns(catalog: Catalog, table: TableInfo): Record<string, RelExpr> | null {
  const model = ddeutilAuditProfile.detect(catalog).find((m) => m.runs.table.name === table.name && m.runs.table.schema === table.schema);
  if (!model) {
    return null;
  }
  return { [col(table, 'context')]: inflate(c(col(table, 'context'))), [col(table, 'metadata')]: inflate(c(col(table, 'metadata'))) };
}

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
        steps: jobSteps(t),
        runStatus: { success: 'ok', failed: 'failed', cancel: 'failed', wait: 'running', skip: 'skipped' },
        stepStatus: { success: 'ok', failed: 'failed', cancel: 'failed', wait: 'running', skip: 'skipped' },
        // get_dt_now() labels local wall time as UTC; the values carry "+00:00" and are shown as given.
        naiveTime: 'utc',
        timeline: true,
        lineage: [],
      });
    }
    return found;
  },
};

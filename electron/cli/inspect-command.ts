import type { Catalog, LoadProblem, RowCount, TableInfo } from '../../shared/model/catalog';
import { severityOf, tableLabel } from '../../shared/model/catalog';
import { compileCount } from '../../shared/query/sql';
import { countTablesAndViews } from '../sources/count-tables';
import type { Plan } from '../../shared/query/plan';
import type { Source } from '../sources/source';
import type { StoreManager } from '../sources/store-manager';
import { FormatCatalog } from '../views/format-catalog';
import { outsidePlan } from '../views/outside-runs';
import { viewPlan } from '../views/view-plans';

/** The stable JSON shape of `auditlens inspect --json`. */
export interface InspectJson {
  readonly source: { readonly kind: string; readonly location: string };
  readonly tables: readonly {
    readonly schema: string | null;
    readonly name: string;
    readonly kind: 'table' | 'view';
    readonly columns: readonly { readonly name: string; readonly type: string }[];
    readonly primaryKey: readonly string[];
    /** The exact row count, or null when counting ran out of time (see rowCountAtLeast). */
    readonly rowCount: number | null;
    readonly rowCountAtLeast?: number;
  }[];
  readonly problems: readonly LoadProblem[];
  /** Audit formats recognised in the store, with run and step counts (`exact: false` = at least). */
  readonly formats: readonly {
    readonly id: string;
    readonly title: string;
    readonly key: string;
    /** Null when the format reads a view and views were not to be counted (`--count-views` counts them). */
    readonly runs: { readonly count: number; readonly exact: boolean } | null;
    readonly steps: { readonly count: number; readonly exact: boolean } | null;
    /** Rows of the steps table that belong to no run (Fivetran rows between syncs, OpenLineage dataset and job events); absent when none can. */
    readonly outsideRuns?: { readonly count: number; readonly exact: boolean } | null;
    readonly timeline: boolean;
    readonly lineage: boolean;
  }[];
}

/** True when the plan's SQL names one of the catalog's views: counting it would run the view's code. */
function readsView(source: Source, catalog: Catalog, plan: Plan): boolean {
  const sql = compileCount(plan, source.dialect).sql;
  return catalog.tables.some((t) => t.kind === 'view' && sql.includes(source.dialect.quote(t.name)));
}

async function formatsOf(source: Source, budgetMs: number, countViews: boolean): Promise<InspectJson['formats']> {
  const out: InspectJson['formats'][number][] = [];
  const resolved = await FormatCatalog.resolve(source, () => []);
  const counted = async (plan: Plan): Promise<{ count: number; exact: boolean } | null> => {
    if (!countViews && readsView(source, resolved.catalog, plan)) {
      return null;
    }
    const c = await source.count(plan, budgetMs);
    return { count: c.value, exact: c.exact };
  };
  for (const f of resolved.formats) {
    const runs = await counted(viewPlan(f.runs, { filters: [], sort: [] }));
    const steps = f.steps ? await counted(viewPlan(f.steps, { filters: [], sort: [] })) : null;
    const outside = outsidePlan(f);
    out.push({
      id: f.model.formatId,
      title: f.model.title,
      key: f.key,
      runs,
      steps,
      ...(outside ? { outsideRuns: await counted(outside) } : {}),
      timeline: f.model.timeline,
      lineage: f.model.lineage.length > 0,
    });
  }
  return out;
}

/**
 * Opens a store, reads its catalog and bounded row counts, and renders it as JSON or text. Views
 * are not counted (that runs their code) unless `countViews` says so (`--count-views`).
 */
export async function inspectStore(stores: StoreManager, location: string, json: boolean, budgetMs = 2_000, countViews = false): Promise<string> {
  const { storeId, source } = await stores.openLocation(location);
  try {
    const catalog = await source.catalog();
    const counts = await countTablesAndViews(catalog, (plan, budget) => source.count(plan, budget), budgetMs, countViews);
    const doc: InspectJson = {
      source: { kind: source.info.kind, location: source.info.location },
      tables: catalog.tables.map((t) => tableJson(t, counts[tableLabel(t)] ?? null)),
      problems: catalog.problems,
      formats: await formatsOf(source, budgetMs, countViews),
    };
    return json ? `${JSON.stringify(doc, null, 2)}\n` : renderText(doc);
  } finally {
    await stores.close(storeId);
  }
}

function tableJson(t: TableInfo, count: RowCount | null): InspectJson['tables'][number] {
  return {
    schema: t.schema,
    name: t.name,
    kind: t.kind,
    columns: t.columns.map((c) => ({ name: c.name, type: c.type })),
    primaryKey: t.primaryKey,
    rowCount: count && count.exact ? count.value : null,
    ...(count && !count.exact ? { rowCountAtLeast: count.value } : {}),
  };
}

function renderText(doc: InspectJson): string {
  const lines = [`${doc.source.kind} store: ${doc.source.location}`, `${doc.tables.length} tables and views`, ''];
  for (const t of doc.tables) {
    const count = t.rowCount !== null ? `${t.rowCount.toLocaleString('en-US')} rows` : t.rowCountAtLeast !== undefined ? `at least ${t.rowCountAtLeast.toLocaleString('en-US')} rows` : t.kind === 'view' ? 'not counted (counting runs the view; --count-views)' : 'rows not counted';
    lines.push(`${t.schema ? `${t.schema}.` : ''}${t.name}${t.kind === 'view' ? ' (view)' : ''}  ${count}`);
    for (const c of t.columns) {
      lines.push(`    ${c.name}  ${c.type || '(no type)'}${t.primaryKey.includes(c.name) ? '  [key]' : ''}`);
    }
  }
  for (const f of doc.formats) {
    const n = (c: { count: number; exact: boolean } | null): string => c === null ? 'not counted (reads a view)' : `${c.exact ? '' : 'at least '}${c.count.toLocaleString('en-US')}`;
    const outside = f.outsideRuns ? `; ${n(f.outsideRuns)} rows outside every run` : '';
    lines.push(`format ${f.id}: ${f.title}; ${n(f.runs)} runs${f.steps ? `, ${n(f.steps)} steps` : ''}${outside}`);
  }
  for (const p of doc.problems) {
    // A notice (a WAL store read from a copy) lost nothing, so it is not called a problem.
    lines.push(`${severityOf(p) === 'notice' ? 'note' : 'problem'}: ${p.path}: ${p.message}`);
  }
  return `${lines.join('\n')}\n`;
}

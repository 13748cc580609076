import type { RowCount, TableInfo } from '../../shared/model/catalog';
import { tableLabel } from '../../shared/model/catalog';
import type { Source } from '../sources/source';
import type { StoreManager } from '../sources/store-manager';
import { FormatCatalog } from '../views/format-catalog';
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
  readonly problems: readonly { readonly path: string; readonly message: string }[];
  /** Audit formats recognised in the store, with run and step counts (`exact: false` = at least). */
  readonly formats: readonly {
    readonly id: string;
    readonly title: string;
    readonly key: string;
    readonly runs: { readonly count: number; readonly exact: boolean };
    readonly steps: { readonly count: number; readonly exact: boolean } | null;
    readonly timeline: boolean;
    readonly lineage: boolean;
  }[];
}

async function formatsOf(source: Source, budgetMs: number): Promise<InspectJson['formats']> {
  const out: InspectJson['formats'][number][] = [];
  for (const f of (await FormatCatalog.resolve(source, () => [])).formats) {
    const runs = await source.count(viewPlan(f.runs, { filters: [], sort: [] }), budgetMs);
    const steps = f.steps ? await source.count(viewPlan(f.steps, { filters: [], sort: [] }), budgetMs) : null;
    out.push({
      id: f.model.formatId,
      title: f.model.title,
      key: f.key,
      runs: { count: runs.value, exact: runs.exact },
      steps: steps ? { count: steps.value, exact: steps.exact } : null,
      timeline: f.model.timeline,
      lineage: f.model.lineage.length > 0,
    });
  }
  return out;
}

/** Opens a store, reads its catalog and bounded row counts, and renders it as JSON or text. */
export async function inspectStore(stores: StoreManager, location: string, json: boolean, budgetMs = 2_000): Promise<string> {
  const { storeId, source } = await stores.openLocation(location);
  try {
    const catalog = await source.catalog();
    const counts = await source.rowCounts(budgetMs);
    const doc: InspectJson = {
      source: { kind: source.info.kind, location: source.info.location },
      tables: catalog.tables.map((t) => tableJson(t, counts[tableLabel(t)] ?? null)),
      problems: catalog.problems,
      formats: await formatsOf(source, budgetMs),
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
    const count = t.rowCount !== null ? `${t.rowCount.toLocaleString('en-US')} rows` : t.rowCountAtLeast !== undefined ? `at least ${t.rowCountAtLeast.toLocaleString('en-US')} rows` : 'rows not counted';
    lines.push(`${t.schema ? `${t.schema}.` : ''}${t.name}${t.kind === 'view' ? ' (view)' : ''}  ${count}`);
    for (const c of t.columns) {
      lines.push(`    ${c.name}  ${c.type || '(no type)'}${t.primaryKey.includes(c.name) ? '  [key]' : ''}`);
    }
  }
  for (const f of doc.formats) {
    const n = (c: { count: number; exact: boolean }): string => `${c.exact ? '' : 'at least '}${c.count.toLocaleString('en-US')}`;
    lines.push(`format ${f.id}: ${f.title}; ${n(f.runs)} runs${f.steps ? `, ${n(f.steps)} steps` : ''}`);
  }
  for (const p of doc.problems) {
    lines.push(`problem: ${p.path}: ${p.message}`);
  }
  return `${lines.join('\n')}\n`;
}

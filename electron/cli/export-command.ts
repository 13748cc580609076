import { AuditlensError } from '../../shared/api/result';
import { resolveTableName } from '../../shared/model/catalog';
import type { TableQuery } from '../../shared/model/view-request';
import { parseFilterExpr, parseSortExpr } from '../../shared/query/filter-expr';
import { compilePlan } from '../../shared/query/plan';
import { ddeutilDecodedColumns } from '../profiles/ddeutil-audit';
import type { ExportJobProgress, ExportJobResult, ExportOptions } from '../export/export-service';
import { runExport } from '../export/export-service';
import type { MappingStore } from '../app-data/mapping-store';
import type { StoreManager } from '../sources/store-manager';

/** What `auditlens export` was asked for: a table, or a runs/steps view of an audit format. */
export interface ExportArgs {
  readonly store: string;
  readonly table: string | null;
  readonly view: { readonly kind: 'runs' | 'steps'; readonly format: string | null; readonly run: string | null; readonly mappingFile: string | null } | null;
  readonly filters: readonly string[];
  readonly sort: readonly string[];
  readonly columns: readonly string[] | null;
  readonly out: string;
  readonly options: ExportOptions;
}

/** Where the command runs: the app's data folder (temp-file journal), version, progress and cancel. */
export interface ExportCommandContext {
  readonly dataDir: string;
  readonly appVersion: string;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((p: ExportJobProgress) => void) | undefined;
  /** Saved mappings of unknown schemas, offered to `--view` like the app does. */
  readonly mappings?: MappingStore | undefined;
}

/** Runs an export through the same plan, exporter and job runner the app uses. */
export async function exportCommand(stores: StoreManager, a: ExportArgs, ctx: ExportCommandContext): Promise<ExportJobResult> {
  const { storeId, source } = await stores.openLocation(a.store, {}, { warmExport: true });
  source.warmExport?.();
  try {
    if (a.view) {
      const filters = a.filters.map(parseFilterExpr);
      const sort = a.sort.map(parseSortExpr);
      // Loaded here, not at start-up: a view's mappings bring their schema library (cli.ts, savedMappings).
      const { viewExportPlan } = await import('./view-plan');
      const { plan, formatId } = await viewExportPlan(source, {
        view: a.view.kind, format: a.view.format, run: a.view.run, filters, sort, columns: a.columns, mappingFile: a.view.mappingFile,
      }, ctx.mappings ?? null);
      return await runExport({
        source, plan, target: a.out, options: a.options, appVersion: ctx.appVersion, dataDir: ctx.dataDir,
        query: { table: { schema: plan.table.schema, name: plan.table.name }, columns: plan.columns.map((c) => c.name), filters, sort },
        view: { kind: a.view.kind, format: formatId }, signal: ctx.signal, onProgress: ctx.onProgress,
      });
    }
    if (a.table === null) {
      throw new AuditlensError('bad-input', 'Name a table with --table T, or a view with --view runs|steps.');
    }
    const catalog = await source.catalog();
    const table = resolveTableName(catalog, a.table);
    if (!table) {
      const names = catalog.tables.slice(0, 8).map((t) => t.name).join(', ');
      throw new AuditlensError('unknown-table', `The store has no table named "${a.table}" (it has: ${names}${catalog.tables.length > 8 ? ', …' : ''}).`);
    }
    const query: TableQuery = {
      table: { schema: table.schema, name: table.name },
      columns: a.columns ? [...a.columns] : undefined,
      filters: a.filters.map(parseFilterExpr),
      sort: a.sort.map(parseSortExpr),
    };
    // Blobs a format knows to hold JSON (ddeutil's zlib contexts) export as that text; --raw keeps the bytes.
    const decoded = a.options.safe ? ddeutilDecodedColumns(catalog, table) : null;
    const plan = { ...compilePlan(table, query), ...(decoded ? { decoded } : {}) };
    return await runExport({
      source, query, plan, target: a.out, options: a.options, appVersion: ctx.appVersion, dataDir: ctx.dataDir,
      signal: ctx.signal, onProgress: ctx.onProgress,
    });
  } finally {
    await stores.close(storeId);
  }
}

/** One progress line for a terminal: rows, MiB, rows/s and time left. */
export function formatProgressLine(p: ExportJobProgress): string {
  const rows = p.totalRows === null
    ? `${p.rows.toLocaleString('en-US')} rows`
    : `${p.rows.toLocaleString('en-US')} / ${p.totalRows.toLocaleString('en-US')} rows`;
  const left = p.etaMs === null ? '' : `, ${formatDuration(p.etaMs)} left`;
  return `${rows}, ${(p.bytes / 1_048_576).toFixed(1)} MiB, ${Math.round(p.rate).toLocaleString('en-US')} rows/s${left}`;
}

/** `m:ss` or `h:mm:ss`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1_000));
  const h = Math.floor(total / 3_600);
  const m = Math.floor((total % 3_600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

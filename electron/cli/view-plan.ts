import fs from 'node:fs';
import { AuditlensError } from '../../shared/api/result';
import type { AuditModel } from '../../shared/model/audit-model';
import { mappingSchema, modelFromMapping } from '../../shared/model/mapping';
import type { ColumnFilter, SortKey } from '../../shared/model/view-request';
import type { Plan } from '../../shared/query/plan';
import type { MappingStore } from '../app-data/mapping-store';
import type { Source } from '../sources/source';
import type { StoreFormat } from '../views/store-formats';
import { FormatCatalog, mappedModels } from '../views/format-catalog';
import { runsPlan } from '../views/runs-plan';
import { stepsExportPlan } from '../views/view-plans';

/** What `auditlens export --view runs|steps` asks for. */
export interface ViewExportArgs {
  readonly view: 'runs' | 'steps';
  readonly format: string | null;
  readonly run: string | null;
  readonly filters: readonly ColumnFilter[];
  readonly sort: readonly SortKey[];
  readonly columns: readonly string[] | null;
  readonly mappingFile: string | null;
}

/** Reads a mapping file given with `--mapping FILE` and checks it against the store. */
export function readMappingFile(file: string, source: { readonly catalog: Parameters<typeof modelFromMapping>[1] }): AuditModel {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AuditlensError('bad-input', `${file} is not a readable JSON mapping (${e instanceof Error ? e.message : String(e)}).`);
  }
  const parsed = mappingSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AuditlensError('bad-input', `${file} is not an Auditlens mapping (${parsed.error.issues[0]?.message ?? 'invalid'}).`);
  }
  return modelFromMapping(parsed.data, source.catalog);
}

/** The store's formats for the CLI: detected ones, the `--mapping FILE` given, and the saved mappings. */
export function cliFormats(source: Source, mappingFile: string | null, saved: MappingStore | null): Promise<FormatCatalog> {
  return FormatCatalog.resolve(source, (catalog) => [
    ...(mappingFile ? [readMappingFile(mappingFile, { catalog })] : []),
    ...(saved ? mappedModels(saved.list(catalog), catalog) : []),
  ]);
}

/**
 * The plan of a runs or steps view for the CLI, through the same code the app uses: the format by
 * id (or the only one), `--run` as shown in the run_id column, a saved or given mapping.
 */
export async function viewExportPlan(source: Source, a: ViewExportArgs, saved: MappingStore | null): Promise<{ plan: Plan; formatId: string }> {
  const f = (await cliFormats(source, a.mappingFile, saved)).pick(a.format);
  return { plan: await planOf(source, f, a), formatId: f.model.formatId };
}

async function planOf(source: Source, f: StoreFormat, a: ViewExportArgs): Promise<Plan> {
  const query = { ...(a.columns ? { columns: [...a.columns] } : {}), filters: [...a.filters], sort: [...a.sort] };
  if (a.view === 'runs') {
    const withRun = a.run === null ? query : { ...query, filters: [...query.filters, { column: 'run_id', op: 'eq' as const, value: a.run }] };
    return runsPlan(source, f, withRun);
  }
  if (a.run === null) {
    return stepsExportPlan(f, query, null);
  }
  const run = await source.page(await runsPlan(source, f, { filters: [{ column: 'run_id', op: 'eq', value: a.run }], sort: [] }), 0, 2);
  const key = run.keys[0];
  if (!key || run.rows.length === 0) {
    throw new AuditlensError('not-found', `There is no run "${a.run}" in the ${f.model.formatId} runs.`);
  }
  return stepsExportPlan(f, query, key);
}

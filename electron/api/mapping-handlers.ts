import type { FormatSummary, MappingSuggestions } from '../../shared/api/contract';
import type { Handlers } from '../../shared/api/dispatch';
import { AuditlensError } from '../../shared/api/result';
import { tableLabel } from '../../shared/model/catalog';
import type { Mapping } from '../../shared/model/mapping';
import { mappingSchema, modelFromMapping } from '../../shared/model/mapping';
import { compileKeyOverlap } from '../../shared/query/sql';
import { guessRoles, suggestJoins } from '../profiles/suggest-mapping';
import type { FormatCatalogs } from '../views/format-catalogs';
import { formatSummary } from '../views/format-summary';
import { formatKey } from '../views/store-formats';
import type { Services } from './services';

type MappingHandlers = Pick<Handlers, 'mapping.suggest' | 'mapping.save' | 'mapping.remove' | 'mapping.export' | 'mapping.import'>;

/** Distinct step key values sampled to measure how well a suggested join holds. */
const OVERLAP_SAMPLE = 1_000;
/** Suggestions measured against the data; the rest are listed without an overlap figure. */
const MEASURED = 12;

/** Handlers of the mapping form: suggestions from keys and data, and saved mappings per schema. */
export function createMappingHandlers(services: Services, formats: FormatCatalogs): MappingHandlers {
  const save = async (storeId: string, mapping: Mapping): Promise<FormatSummary> => {
    const source = services.stores.get(storeId);
    const catalog = await source.catalog();
    const model = modelFromMapping(mapping, catalog);
    services.mappings.save(catalog, mapping);
    formats.invalidate();
    const fc = await formats.of(storeId);
    return formatSummary(fc.find(formatKey(model)), fc.catalog);
  };
  return {
    'mapping.suggest': async ({ storeId }): Promise<MappingSuggestions> => {
      const source = services.stores.get(storeId);
      const catalog = await source.catalog();
      const joins = suggestJoins(catalog.tables);
      const measured = await Promise.all(joins.map(async (j, i) => {
        if (i >= MEASURED) {
          return null;
        }
        try {
          const [row] = await source.rows(compileKeyOverlap(j.runs, j.steps, j.pairs, source.dialect, OVERLAP_SAMPLE), 1);
          return { sampled: Number(row?.[0] ?? 0), matched: Number(row?.[1] ?? 0) };
        } catch {
          return null;
        }
      }));
      return {
        joins: joins.map((j, i) => ({
          runsTable: { schema: j.runs.schema, name: j.runs.name },
          stepsTable: { schema: j.steps.schema, name: j.steps.name },
          pairs: j.pairs,
          reason: j.reason,
          overlap: measured[i] ?? null,
        })),
        roles: Object.fromEntries(catalog.tables.map((t) => [tableLabel(t), guessRoles(t) as Record<string, string>])),
      };
    },
    'mapping.save': async ({ storeId, mapping }) => save(storeId, mapping),
    'mapping.remove': async ({ storeId, title }) => {
      const removed = services.mappings.remove(await services.stores.get(storeId).catalog(), title);
      formats.invalidate();
      return removed;
    },
    'mapping.export': async ({ storeId, title }) => {
      const mapping = services.mappings.list(await services.stores.get(storeId).catalog()).find((m) => m.title === title);
      if (!mapping) {
        throw new AuditlensError('not-found', `There is no saved mapping named "${title}" for this store.`);
      }
      return { json: `${JSON.stringify(mapping, null, 2)}\n` };
    },
    'mapping.import': async ({ storeId, json }) => {
      let raw: unknown;
      try {
        raw = JSON.parse(json);
      } catch {
        throw new AuditlensError('bad-input', 'The mapping file is not JSON.');
      }
      const parsed = mappingSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AuditlensError('bad-input', `The mapping file is not an Auditlens mapping${issue ? ` (at ${issue.path.join('.') || 'top'}: ${issue.message})` : ''}.`);
      }
      return save(storeId, parsed.data);
    },
  };
}

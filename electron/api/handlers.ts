import type { OpenProgress, StoreSummary } from '../../shared/api/contract';
import type { Handlers } from '../../shared/api/dispatch';
import { AuditlensError } from '../../shared/api/result';
import { findTable, tableLabel } from '../../shared/model/catalog';
import type { TableQuery } from '../../shared/model/view-request';
import type { Plan } from '../../shared/query/plan';
import { compilePlan } from '../../shared/query/plan';
import type { Source } from '../sources/source';
import { createExportHandlers } from './export-handlers';
import { createConnectionHandlers } from './connection-handlers';
import { createDesktopHandlers } from './desktop-handlers';
import { createMappingHandlers } from './mapping-handlers';
import { createRunsHandlers } from './runs-handlers';
import { createLineageHandlers } from './lineage-handlers';
import { createTimelineHandlers } from './timeline-handlers';
import { createConsoleHandlers } from './console-handlers';
import { FormatCatalogs } from '../views/format-catalogs';
import { ddeutilDecodedColumns } from '../profiles/ddeutil-audit';
import { createTracker } from './track-request';
import { openStore } from './open-store';
import type { Services } from './services';

/** Turns a request's table query into a plan, checking every name against the store's catalog. */
export async function planFor(source: Source, query: TableQuery, raw = false): Promise<Plan> {
  const catalog = await source.catalog();
  const table = findTable(catalog, query.table);
  if (!table) {
    throw new AuditlensError('unknown-table', `The store has no table named ${tableLabel(query.table)}.`);
  }
  // Blobs a format knows to hold JSON (ddeutil's zlib contexts) show as that text; a raw export keeps the bytes.
  const decoded = raw ? null : ddeutilDecodedColumns(catalog, table);
  return { ...compilePlan(table, query), ...(decoded ? { decoded } : {}) };
}

/** Builds the handler of every contract call over the given services. */
export function createHandlers(services: Services): Handlers {
  const { track, cancel } = createTracker();
  const formats = new FormatCatalogs(services.stores, (catalog) => services.mappings.list(catalog));
  // Progress of stores being opened (JSON folders take a while), by the request id the page chose.
  const opening = new Map<string, OpenProgress>();
  const openAt = (location: string, requestId?: string): Promise<StoreSummary> =>
    track(requestId, (signal) => openStore(services, location, {}, {
      signal,
      onProgress: requestId ? (p) => opening.set(requestId, p) : undefined,
    })).finally(() => {
      if (requestId) {
        opening.delete(requestId);
      }
    });

  return {
    'app.info': async () => ({
      version: services.version,
      mode: services.mode,
      canPickFiles: services.pickFile !== undefined,
      initialStore: services.initialStore(),
    }),
    'stores.recent': async () => services.recent.list(),
    'stores.openDemo': async () => openAt(services.demoPath()),
    'stores.openPath': async ({ path, requestId }) => {
      if (!services.allowPathInput) {
        throw new AuditlensError('unauthorized', 'Choose the file with the Open dialog.');
      }
      return openAt(path, requestId);
    },
    'stores.openProgress': async ({ requestId }) => opening.get(requestId) ?? null,
    'stores.openDialog': async () => {
      if (!services.pickFile) {
        throw new AuditlensError('unsupported', 'There is no file dialog in browser mode; type the path instead.');
      }
      const picked = await services.pickFile();
      return picked === null ? null : openAt(picked);
    },
    'stores.openRecent': async ({ id, requestId }) => {
      const recent = services.recent.get(id);
      if (!recent) {
        throw new AuditlensError('not-found', 'That store is no longer in the recent list.');
      }
      return openAt(recent.location, requestId);
    },
    'stores.close': async ({ storeId }) => {
      formats.forget(storeId);
      await services.stores.close(storeId);
      return null;
    },
    'catalog.get': async ({ storeId }) => services.stores.get(storeId).catalog(),
    'catalog.rowCounts': async ({ storeId, budgetMs }) => services.stores.get(storeId).rowCounts(budgetMs),
    'table.page': async ({ storeId, query, startRow, endRow, requestId }) => {
      const source = services.stores.get(storeId);
      const plan = await planFor(source, query);
      return track(requestId, (signal) => source.page(plan, startRow, endRow - startRow, signal));
    },
    'table.count': async ({ storeId, query, budgetMs, requestId }) => {
      const source = services.stores.get(storeId);
      const plan = await planFor(source, query);
      return track(requestId, (signal) => source.count(plan, budgetMs, signal));
    },
    'table.values': async ({ storeId, query, column, limit }) => {
      const source = services.stores.get(storeId);
      const plan = await planFor(source, query);
      if (!plan.table.columns.some((c) => c.name === column)) {
        throw new AuditlensError('unknown-column', `The table ${tableLabel(plan.table)} has no column named "${column}".`);
      }
      return source.values(plan, column, limit);
    },
    'table.row': async ({ storeId, table, key }) => {
      const source = services.stores.get(storeId);
      const plan = await planFor(source, { table, filters: [], sort: [] });
      return source.row(plan, key);
    },
    'query.cancel': async ({ requestId }) => cancel(requestId),
    ...createRunsHandlers(formats, track),
    ...createTimelineHandlers(formats, track),
    ...createLineageHandlers(formats, track),
    ...createConsoleHandlers(services, track),
    ...createMappingHandlers(services, formats),
    ...createConnectionHandlers(services),
    ...createExportHandlers(services, formats, planFor),
    ...createDesktopHandlers(services, openAt),
  };
}

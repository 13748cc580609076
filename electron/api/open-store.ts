import type { StoreSummary } from '../../shared/api/contract';
import type { PostgresOpenOptions } from '../sources/postgres/postgres-source';
import type { OpenHooks } from '../sources/store-manager';
import type { Services } from './services';
import { writeWarning } from './write-warning';

/** Opens a store and records it in the recent list: the one way every entry point opens a store. */
export async function openStore(
  services: Pick<Services, 'stores' | 'recent' | 'onStoreOpened'>,
  location: string,
  pg: PostgresOpenOptions = {},
  hooks: OpenHooks = {},
): Promise<StoreSummary> {
  const { storeId, source } = await services.stores.openLocation(location, pg, hooks);
  const catalog = await source.catalog();
  services.recent.add(source.info);
  services.onStoreOpened?.(source.info);
  const risk = source.writeRisk ? await source.writeRisk() : null;
  const user = /^postgres(?:ql)?:\/\/([^@/]+)@/i.exec(source.info.location)?.[1] ?? 'this user';
  return {
    storeId,
    source: source.info,
    tableCount: catalog.tables.length,
    writeWarning: risk ? writeWarning(risk, decodeURIComponent(user)) : null,
  };
}

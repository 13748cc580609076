import path from 'node:path';
import type { Services } from '../../electron/api/services';
import { MappingStore } from '../../electron/app-data/mapping-store';
import { RecentStores } from '../../electron/app-data/recent-stores';
import { SavedConnections } from '../../electron/app-data/saved-connections';
import { SettingsStore } from '../../electron/app-data/settings-store';
import type { SecretBox } from '../../electron/app-data/secret-box';
import { StoreManager } from '../../electron/sources/store-manager';
import { sqliteDeps } from './sqlite-deps';

/** Browser-mode services over real sources, with app data in `dir`, for handler-level tests. */
export function testServices(dir: string, demoPath: string, stores = new StoreManager(sqliteDeps), secrets: SecretBox | null = null): Services {
  return {
    version: 'test',
    mode: 'browser',
    stores,
    recent: new RecentStores(path.join(dir, 'data')),
    mappings: new MappingStore(path.join(dir, 'data')),
    connections: new SavedConnections(path.join(dir, 'data'), secrets),
    demoPath: () => demoPath,
    paths: { dataDir: path.join(dir, 'data'), cacheDir: path.join(dir, 'cache') },
    allowPathInput: true,
    initialStore: () => null,
    settings: new SettingsStore(path.join(dir, 'data')),
  };
}

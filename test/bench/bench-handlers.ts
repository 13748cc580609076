/**
 * The app's handlers over real sources for a bench, with app data in a temporary folder under
 * `.bench/`, and a timed `call` through `dispatch` as the renderer's calls go.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHandlers } from '../../electron/api/handlers';
import { MappingStore } from '../../electron/app-data/mapping-store';
import { RecentStores } from '../../electron/app-data/recent-stores';
import { SavedConnections } from '../../electron/app-data/saved-connections';
import { SettingsStore } from '../../electron/app-data/settings-store';
import { StoreManager } from '../../electron/sources/store-manager';
import { spawnNodeWorker } from '../../electron/workers/worker-process';
import type { StoreSummary } from '../../shared/api/contract';
import { dispatch } from '../../shared/api/dispatch';

/** A timed contract call: its value and how long it took. */
export type TimedCall = <T>(name: string, input: unknown) => Promise<{ ms: number; value: T }>;

/** Opens `file` through the handlers; `close` shuts the workers and removes the app data. */
export async function benchHandlers(root: string, file: string): Promise<{ call: TimedCall; storeId: string; close: () => Promise<void> }> {
  const data = fs.mkdtempSync(path.join(root, '.bench', 'data-'));
  const stores = new StoreManager({ spawn: spawnNodeWorker, workerScript: path.join(root, 'dist/electron/sqlite-worker.js') });
  const handlers = createHandlers({
    version: 'bench', mode: 'browser', stores, recent: new RecentStores(data), mappings: new MappingStore(data), connections: new SavedConnections(data, null), settings: new SettingsStore(data),
    demoPath: () => file, allowPathInput: true, initialStore: () => null,
  });
  const call: TimedCall = async <T>(name: string, input: unknown) => {
    const t0 = performance.now();
    const r = await dispatch(handlers, name, input, { transport: 'test' });
    if (!r.ok) {
      throw new Error(`${name}: ${r.error.message}`);
    }
    return { ms: performance.now() - t0, value: r.value as T };
  };
  const { value: store } = await call<StoreSummary>('stores.openPath', { path: file });
  return {
    call,
    storeId: store.storeId,
    close: async () => {
      await stores.closeAll();
      fs.rmSync(data, { recursive: true, force: true });
    },
  };
}

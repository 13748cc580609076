import path from 'node:path';
import type { StoreSummary } from '../shared/api/contract';
import type { Handlers } from '../shared/api/dispatch';
import { defaultAppPaths } from './app-data/app-paths';
import type { AppPaths } from './app-data/app-paths';
import { MappingStore } from './app-data/mapping-store';
import { RecentStores } from './app-data/recent-stores';
import { SavedConnections } from './app-data/saved-connections';
import { SettingsStore } from './app-data/settings-store';
import type { SecretBox } from './app-data/secret-box';
import { createHandlers } from './api/handlers';
import type { Services } from './api/services';
import { ensureDemoStore } from './demo/generate-demo';
import { sweepStaleExports } from './export/temp-sweep';
import { runtimePaths } from './runtime-paths';
import type { SpawnWorker } from './workers/worker-process';
import { spawnNodeWorker } from './workers/worker-process';
import { StoreManager, sweepSourceLeftovers } from './sources/store-manager';

/** Everything one running Auditlens needs, whatever its transport. */
export interface Host {
  readonly services: Services;
  readonly handlers: Handlers;
  readonly paths: AppPaths;
}

/** How the host differs between Electron, browser mode and the CLI. */
export interface HostOptions {
  readonly mode: 'electron' | 'browser';
  readonly paths?: AppPaths;
  readonly spawn?: SpawnWorker;
  readonly pickFile?: () => Promise<string | null>;
  /** The OS open dialog for a TLS file of the Postgres form (Electron). */
  readonly pickTlsFile?: Services['pickTlsFile'];
  /** The OS save dialog for exports (Electron); browser mode downloads instead. */
  readonly pickSaveFile?: (suggested: string) => Promise<string | null>;
  readonly initialStore?: () => StoreSummary | null;
  /** The OS keychain (Electron's safeStorage), where passwords may be saved; none elsewhere. */
  readonly secrets?: SecretBox | null;
  /** Electron's hooks into the desktop: tickets for files the OS hands over, reactions to opens and settings. */
  readonly desktop?: Pick<Services, 'tickets' | 'onStoreOpened' | 'onSettingsChanged'>;
}

/** Builds the services and handlers over real sources. */
export function createHost(options: HostOptions): Host {
  const rt = runtimePaths();
  const paths = options.paths ?? defaultAppPaths();
  const services: Services = {
    version: rt.version,
    mode: options.mode,
    // The desktop app asks for passwords; the CLI and browser mode may also read PGPASSWORD and ~/.pgpass.
    stores: new StoreManager(
      { spawn: options.spawn ?? spawnNodeWorker, workerScript: rt.workerScript, backgroundExports: true },
      { passwordFallbacks: options.mode === 'browser' },
      path.join(paths.cacheDir, 'json'),
    ),
    recent: new RecentStores(paths.dataDir),
    mappings: new MappingStore(paths.dataDir),
    connections: new SavedConnections(paths.dataDir, options.secrets ?? null),
    demoPath: () => ensureDemoStore(paths.cacheDir),
    pickFile: options.pickFile,
    pickTlsFile: options.pickTlsFile,
    pickSaveFile: options.pickSaveFile,
    paths,
    allowPathInput: options.mode === 'browser',
    initialStore: options.initialStore ?? (() => null),
    settings: new SettingsStore(paths.dataDir),
    ...options.desktop,
  };
  // Temporary export files a crash or kill left behind are removed before anything else runs.
  sweepStaleExports(paths.dataDir);
  // And JSON caches a killed ingest was building (any location), and private copies of WAL stores.
  try {
    sweepSourceLeftovers(path.join(paths.cacheDir, 'json'));
  } catch {
    // A file the sweep may not remove must not stop the app; the next start tries again.
  }
  return { services, handlers: createHandlers(services), paths };
}

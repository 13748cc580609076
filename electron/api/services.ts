import type { StoreSummary } from '../../shared/api/contract';
import type { SourceInfo } from '../../shared/model/catalog';
import type { TlsFileKind } from '../../shared/model/pg-connection';
import type { Settings } from '../../shared/model/settings';
import type { AppPaths } from '../app-data/app-paths';
import type { MappingStore } from '../app-data/mapping-store';
import type { RecentStores } from '../app-data/recent-stores';
import type { SettingsStore } from '../app-data/settings-store';
import type { SavedConnections } from '../app-data/saved-connections';
import type { ShellTickets } from '../shell/shell-tickets';
import type { StoreManager } from '../sources/store-manager';

/** What the handlers need from the process they run in; each transport's host builds one. */
export interface Services {
  readonly version: string;
  readonly mode: 'electron' | 'browser';
  readonly stores: StoreManager;
  readonly recent: RecentStores;
  /** The user's mappings of unknown schemas, keyed by schema fingerprint. */
  readonly mappings: MappingStore;
  /** Saved Postgres connections; passwords only where the OS keychain seals them. */
  readonly connections: SavedConnections;
  /** Path of the bundled demo store, generating it on first use. */
  readonly demoPath: () => string;
  /** Shows the OS open dialog (Electron only); resolves to null when the user cancels. */
  readonly pickFile?: (() => Promise<string | null>) | undefined;
  /**
   * Shows the OS save dialog with a suggested file name (Electron only); resolves to the chosen
   * path, or null when the user cancels. Without it, exports go to the cache for download.
   */
  readonly pickSaveFile?: ((suggested: string) => Promise<string | null>) | undefined;
  /** Shows the OS open dialog for a TLS file of the Postgres form (Electron only); null when cancelled. */
  readonly pickTlsFile?: ((kind: TlsFileKind) => Promise<string | null>) | undefined;
  /** The app's folders (export journal in dataDir, browser-mode exports in cacheDir); defaults apply when absent. */
  readonly paths?: AppPaths | undefined;
  /** Whether the renderer may name a path itself (browser mode's path field). */
  readonly allowPathInput: boolean;
  /** The store given on the command line, opened before the window loads. */
  readonly initialStore: () => StoreSummary | null;
  /** The user's settings (theme, reopen the last store). */
  readonly settings: SettingsStore;
  /** Called after a settings change (Electron sets the native theme from it). */
  readonly onSettingsChanged?: ((settings: Settings) => void) | undefined;
  /** Files the OS handed over, waiting for the window to open them by ticket (Electron only). */
  readonly tickets?: ShellTickets | undefined;
  /** Called after any store opened (Electron adds files to the OS's recent documents and menu). */
  readonly onStoreOpened?: ((source: SourceInfo) => void) | undefined;
}

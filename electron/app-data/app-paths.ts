import os from 'node:os';
import path from 'node:path';

/** Folders Auditlens owns: its data (recent stores, mappings) and its cache (demo store, JSON caches). */
export interface AppPaths {
  readonly dataDir: string;
  readonly cacheDir: string;
}

/**
 * Resolves the app's folders outside Electron (CLI, browser mode, tests). `AUDITLENS_DATA_DIR` and
 * `AUDITLENS_CACHE_DIR` override them so tests never touch a real profile; Electron passes its own.
 */
export function defaultAppPaths(env: NodeJS.ProcessEnv = process.env): AppPaths {
  const home = os.homedir();
  const dataDir = env.AUDITLENS_DATA_DIR ?? path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'auditlens');
  const cacheDir = env.AUDITLENS_CACHE_DIR ?? path.join(env.XDG_CACHE_HOME ?? path.join(home, '.cache'), 'auditlens');
  return { dataDir, cacheDir };
}

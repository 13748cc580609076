/**
 * Where store paths come from in the Electron app: the OS open dialog and the command line.
 *
 * The renderer never sends a path; it asks main to show the dialog (`stores.openDialog`), and a
 * path given at launch is validated here before it is opened.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, ElectronSurface, FileFilter, OpenDialogOptions, SaveDialogOptions } from './electron-surface';

/** The file types offered by the open dialog. */
export const STORE_FILTERS: readonly FileFilter[] = [
  { name: 'SQLite databases', extensions: ['db', 'sqlite', 'sqlite3', 'db3'] },
  { name: 'JSON audit logs', extensions: ['json', 'jsonl', 'ndjson', 'log'] },
  { name: 'All files', extensions: ['*'] },
];

/** Shows the open dialog (attached to `win` when there is one); resolves to a path, or null when cancelled. */
export async function pickStoreFile(surface: Pick<ElectronSurface, 'dialog'>, win: BrowserWindow | null): Promise<string | null> {
  const options: OpenDialogOptions = { title: 'Open an audit store', properties: ['openFile'], filters: STORE_FILTERS };
  const r = win && !win.isDestroyed() ? await surface.dialog.showOpenDialog(win, options) : await surface.dialog.showOpenDialog(options);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

/** Shows the OS save dialog for a CSV export; resolves to the chosen path, or null when cancelled. */
export async function pickExportFile(surface: Pick<ElectronSurface, 'dialog'>, win: BrowserWindow | null, suggested: string): Promise<string | null> {
  const options: SaveDialogOptions = { title: 'Export CSV', defaultPath: suggested, filters: [{ name: 'CSV', extensions: ['csv'] }] };
  const r = win && !win.isDestroyed() ? await surface.dialog.showSaveDialog(win, options) : await surface.dialog.showSaveDialog(options);
  return r.canceled || !r.filePath ? null : r.filePath;
}

/** What the command line asked for: no store, a validated store path, or a reason to ignore it. */
export type LaunchStore =
  | { readonly kind: 'none' }
  | { readonly kind: 'store'; readonly path: string }
  | { readonly kind: 'invalid'; readonly message: string };

/**
 * Finds the STORE argument in Electron's argv and checks it names an existing file or folder.
 *
 * Unpackaged, argv is `electron main.js [args]`; packaged, it is `Auditlens [args]`. Switches
 * (`--foo`, macOS `-psn_…`) are Chromium's or the OS's, never a store.
 */
export function storePathFromArgv(argv: readonly string[], isPackaged: boolean, cwd: string = process.cwd()): LaunchStore {
  const given = argv.slice(isPackaged ? 1 : 2).find((a) => !a.startsWith('-'));
  if (given === undefined || given === '') {
    return { kind: 'none' };
  }
  if (given.length > 4096 || given.includes('\0')) {
    return { kind: 'invalid', message: 'The store path on the command line is not a valid path.' };
  }
  const full = path.resolve(cwd, given);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    return { kind: 'invalid', message: `There is no file or folder at ${full}.` };
  }
  if (!stat.isFile() && !stat.isDirectory()) {
    return { kind: 'invalid', message: `${full} is neither a file nor a folder.` };
  }
  return { kind: 'store', path: full };
}

/**
 * Where store paths come from in the Electron app: the OS open dialog, the command line (and a
 * second launch's), and files dropped on the window.
 *
 * The renderer never sends a path; it asks main to show the dialog (`stores.openDialog`), and a
 * path given at launch is validated here before it is opened.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TlsFileKind } from '../../shared/model/pg-connection';
import { isOwnProvenance, provenancePathFor } from '../export/provenance';
import type { BrowserWindow, ElectronSurface, FileFilter, MessageBoxOptions, OpenDialogOptions, SaveDialogOptions } from './electron-surface';

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

/** What the dialog for each TLS file of the Postgres form is titled. */
const TLS_TITLES: Readonly<Record<TlsFileKind, string>> = {
  sslrootcert: 'Choose the CA certificate (sslrootcert)',
  sslcert: 'Choose the client certificate (sslcert)',
  sslkey: 'Choose the client key (sslkey)',
};

/** Shows the OS open dialog for a TLS file; resolves to the chosen path, or null when cancelled. */
export async function pickTlsFile(surface: Pick<ElectronSurface, 'dialog'>, win: BrowserWindow | null, kind: TlsFileKind): Promise<string | null> {
  const options: OpenDialogOptions = {
    title: TLS_TITLES[kind],
    properties: ['openFile'],
    filters: [{ name: 'Certificates and keys', extensions: ['pem', 'crt', 'cer', 'key'] }, { name: 'All files', extensions: ['*'] }],
  };
  const r = win && !win.isDestroyed() ? await surface.dialog.showOpenDialog(win, options) : await surface.dialog.showOpenDialog(options);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

/**
 * Shows the OS save dialog for a CSV export; resolves to the chosen path, or null when cancelled.
 * The OS asks about replacing the CSV; the provenance file beside it (`x.csv.json`) is asked
 * about here: an earlier record of ours may be replaced, any other file refuses the name.
 */
export async function pickExportFile(surface: Pick<ElectronSurface, 'dialog'>, win: BrowserWindow | null, suggested: string): Promise<string | null> {
  const options: SaveDialogOptions = { title: 'Export CSV', defaultPath: suggested, filters: [{ name: 'CSV', extensions: ['csv'] }] };
  const r = win && !win.isDestroyed() ? await surface.dialog.showSaveDialog(win, options) : await surface.dialog.showSaveDialog(options);
  if (r.canceled || !r.filePath) {
    return null;
  }
  const question = sidecarQuestion(r.filePath);
  if (question === null || !win || win.isDestroyed()) {
    return r.filePath;
  }
  const answer = await surface.dialog.showMessageBox(win, question);
  return question.buttons.length > 1 && answer.response === 0 ? r.filePath : null;
}

/** What to ask about the provenance file beside a chosen CSV path, or null when nothing is there. */
export function sidecarQuestion(csvPath: string): (MessageBoxOptions & { readonly buttons: readonly string[] }) | null {
  const sidecar = provenancePathFor(csvPath);
  if (!fs.existsSync(sidecar)) {
    return null;
  }
  if (isOwnProvenance(sidecar)) {
    return {
      type: 'question', title: 'Replace the provenance file too?', buttons: ['Replace both', 'Cancel'], defaultId: 1, cancelId: 1,
      message: `${path.basename(sidecar)} also exists: the provenance record of an earlier export.`,
      detail: 'Exporting replaces it together with the CSV.',
    };
  }
  return {
    type: 'warning', title: 'Choose another name', buttons: ['OK'],
    message: `${path.basename(sidecar)} already exists and is not an Auditlens provenance record.`,
    detail: 'Auditlens will not replace it. Choose another file name, or turn off the provenance file.',
  };
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
  return checkStorePath(given, cwd, 'The store path on the command line is not a valid path.');
}

/** Checks that a path names an existing file or folder; relative paths resolve against `cwd`. */
export function checkStorePath(given: string, cwd: string, invalid: string): LaunchStore {
  if (given.length > 4096 || given.includes('\0')) {
    return { kind: 'invalid', message: invalid };
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

/** File types a drop may open: the dialog's SQLite and JSON types (any folder is a JSON store). */
const DROP_EXTENSIONS: ReadonlySet<string> = new Set(STORE_FILTERS.flatMap((f) => f.extensions).filter((e) => e !== '*'));

/**
 * Checks a path the preload read from a dropped File: absolute, existing, and a folder or a file
 * of a store type, so a stray drop (an image, a PDF) gets a sentence rather than an open attempt.
 */
export function checkDroppedPath(given: string): LaunchStore {
  if (!path.isAbsolute(given)) {
    return { kind: 'invalid', message: 'That drop did not come with a file from disk.' };
  }
  const checked = checkStorePath(given, '/', 'That drop did not come with a file from disk.');
  if (checked.kind !== 'store' || fs.statSync(checked.path).isDirectory()) {
    return checked;
  }
  const ext = path.extname(checked.path).slice(1).toLowerCase();
  if (!DROP_EXTENSIONS.has(ext)) {
    return {
      kind: 'invalid',
      message: `Auditlens opens SQLite databases (.db, .sqlite), JSON audit logs (.json, .jsonl) and folders of them; ${path.basename(checked.path)} is none of these.`,
    };
  }
  return checked;
}

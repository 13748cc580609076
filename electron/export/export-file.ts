import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AuditlensError } from '../../shared/api/result';
import type { Plan } from '../../shared/query/plan';
import type { ExportProgress, Source } from '../sources/source';
import type { CsvOptions, TimeMode } from '../csv/csv-format';

/** CSV options of a file export. */
export interface FileExportOptions extends CsvOptions {
  readonly bom: boolean;
  /** How temporal columns are written (default: as stored). */
  readonly time?: TimeMode | undefined;
}

/** What an export wrote. */
export interface FileExportResult {
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** Hooks of one export: cancel, progress, and the temporary file's name before it is created. */
export interface FileExportHooks {
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((p: ExportProgress) => void) | undefined;
  /** Called with the temporary path before anything creates it, so a journal can list it first. */
  readonly onTempFile?: ((tmp: string) => void) | undefined;
  /** Called when the rows are complete, just before the rename (e.g. to drop a stale provenance file). */
  readonly beforeRename?: ((target: string) => void) | undefined;
}

/** Marks our temporary export files so a start-up sweep can find what a crash left behind. */
export const TMP_MARK = '.auditlens-tmp-';

/** A fresh temporary name beside `target`: `.<name>.auditlens-tmp-<pid>-<random>`. */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}${TMP_MARK}${process.pid}-${crypto.randomBytes(6).toString('hex')}`);
}

/** True when `file`'s name is one `tempPathFor` makes. */
export function isTempName(file: string): boolean {
  return /^\..+\.auditlens-tmp-\d+-[0-9a-f]+$/.test(path.basename(file));
}

/**
 * Exports the plan's rows to `out` ('-' for standard output). The rows stream into a temporary
 * file beside the target, fsynced and renamed over it only when complete (then the folder is
 * fsynced), so a cancel, crash or source error never leaves a partial file at the target path.
 */
export async function exportToFile(
  source: Source,
  plan: Plan,
  out: string,
  options: FileExportOptions,
  hooks: FileExportHooks = {},
): Promise<FileExportResult> {
  const request = {
    plan, safe: options.safe, bom: options.bom, delimiter: options.delimiter, eol: options.eol, time: options.time ?? 'stored',
    signal: hooks.signal, onProgress: hooks.onProgress,
  };
  if (out === '-') {
    const r = await source.exportCsv({ ...request, tmpPath: '-' });
    return { path: '-', ...r };
  }
  const resolved = resolveExportTarget(source, out);
  const target = resolved.path;
  if (resolved.inPlace) {
    // A character device or FIFO: written where it is, streaming; never renamed over, never removed.
    const r = await source.exportCsv({ ...request, tmpPath: target, inPlace: true });
    return { path: target, ...r };
  }
  const tmp = tempPathFor(target);
  hooks.onTempFile?.(tmp);
  try {
    const r = await source.exportCsv({ ...request, tmpPath: tmp });
    hooks.beforeRename?.(target);
    await renameWithRetry(tmp, target);
    fsyncFolder(path.dirname(target));
    return { path: target, ...r };
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** Resolves and checks the target: its folder exists, it is not a folder, and it is not the store or one of its side files. */
export function checkTarget(source: Source, out: string): string {
  return resolveExportTarget(source, out).path;
}

/** Where an export writes: a regular file (renamed into place) or a device/FIFO written in place. */
export interface ExportTarget {
  readonly path: string;
  /** A character device or FIFO: streamed into directly, no temporary file, no provenance file. */
  readonly inPlace: boolean;
}

/**
 * Resolves and checks the target. A path that exists and is not a regular file is never replaced
 * by the rename: a character device or FIFO (`/dev/null`, a named pipe) is written in place, a
 * symlink is followed to what it names (a regular file is then renamed beside the link's target),
 * and anything else (a socket, a block device, a dangling link) is refused.
 */
export function resolveExportTarget(source: Source, out: string): ExportTarget {
  let target = path.resolve(out);
  let stat: fs.Stats | null = null;
  try {
    stat = fs.lstatSync(target);
  } catch {
    stat = null;
  }
  if (stat?.isSymbolicLink()) {
    try {
      target = fs.realpathSync(target);
      stat = fs.statSync(target);
    } catch {
      throw new AuditlensError('bad-input', `${path.resolve(out)} is a symbolic link to nothing; give the file name itself.`);
    }
  }
  if (stat && (stat.isCharacterDevice() || stat.isFIFO())) {
    return { path: target, inPlace: true };
  }
  if (stat && !stat.isFile() && !stat.isDirectory()) {
    throw new AuditlensError('bad-input', `${target} is not a regular file (a socket or block device); Auditlens writes only files, character devices and pipes.`);
  }
  const dir = path.dirname(target);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new AuditlensError('not-found', `The folder ${dir} does not exist.`);
  }
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) {
    throw new AuditlensError('bad-input', `${target} is a folder; give a file name for the CSV.`);
  }
  if (source.info.kind !== 'postgres') {
    const store = source.info.location;
    // Never write over the store, its journal, WAL or shared-memory file (security-checklist §4.4).
    for (const side of ['', '-wal', '-shm', '-journal']) {
      if (sameFile(target, `${store}${side}`)) {
        throw new AuditlensError('bad-input', 'The export would overwrite the store itself; choose another file name.');
      }
    }
    if (source.info.kind === 'json' && isInside(target, store)) {
      throw new AuditlensError('bad-input', 'The export would write into the opened JSON folder; choose another folder.');
    }
  }
  return { path: target, inPlace: false };
}

/**
 * Renames, retrying briefly when Windows reports the file busy (an antivirus scanning the new
 * file holds it: EPERM, EACCES, EBUSY), as graceful-fs does but capped at about 2 s.
 */
export async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let waited = 0; ; ) {
    try {
      fs.renameSync(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (process.platform !== 'win32' || (code !== 'EPERM' && code !== 'EACCES' && code !== 'EBUSY') || waited >= 2_000) {
        throw e;
      }
      const pause = Math.min(250, 20 + waited);
      await new Promise((resolve) => setTimeout(resolve, pause));
      waited += pause;
    }
  }
}

/** Makes a rename durable on POSIX (write-file-atomic does not); Windows cannot open folders, so it is skipped there. */
export function fsyncFolder(dir: string): void {
  if (process.platform === 'win32') {
    return;
  }
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems refuse to fsync a folder; the rename itself has still happened.
  } finally {
    if (fd !== null) {
      fs.closeSync(fd);
    }
  }
}

/** Whether two paths name the same file (links followed; as written when either cannot be resolved). */
export function sameFile(a: string, b: string): boolean {
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}

function isInside(file: string, folder: string): boolean {
  let dir: string;
  let root: string;
  try {
    dir = fs.realpathSync(path.dirname(file));
    root = fs.realpathSync(folder);
  } catch {
    return false;
  }
  return dir === root || dir.startsWith(root + path.sep);
}

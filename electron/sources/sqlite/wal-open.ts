/**
 * How a WAL store is opened without leaving files beside it. SQLite reads a WAL-mode database only
 * through its index (`-shm`) and log (`-wal`); a read-only connection that finds them missing
 * creates both and cannot remove them, and in a read-only folder it cannot create them, so the
 * store does not open at all. This build's better-sqlite3 has URI filenames off (SQLITE_USE_URI=0,
 * no SQLITE_OPEN_URI), so `file:…?immutable=1` is read as a file name. Instead, such a store is
 * read from a private copy (the store and its `-wal`) in a folder of our own, removed at close.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditlensError } from '../../../shared/api/result';
import type { LoadSeverity } from '../../../shared/model/catalog';
import { isProcessAlive } from '../../ingest/process-alive';

/** Bytes of store plus log copied without asking: about a second on an SSD (1.5 GB/s measured from the page cache). */
export const WAL_COPY_LIMIT_BYTES = 1024 * 1024 * 1024;
/** Prefix of the private copies' folders in the temp folder: `<prefix><pid>-<random>`. */
const COPY_PREFIX = 'auditlens-wal-';

/** What decides how a store is opened: read from the file system, or given by a test. */
export interface WalFacts {
  /** The header says WAL (bytes 18–19 are 2). */
  readonly wal: boolean;
  readonly hasWal: boolean;
  readonly hasShm: boolean;
  /** Store plus `-wal` bytes. */
  readonly bytes: number;
  /** SQLite could create `-wal`/`-shm` in the store's folder. */
  readonly folderWritable: boolean;
}

/** Open the store itself, read a private copy, or open in place and leave the index beside it (said in the catalog). */
export type WalOpenPlan =
  | { readonly kind: 'direct' }
  | { readonly kind: 'copy'; readonly bytes: number }
  | { readonly kind: 'in-place'; readonly bytes: number };

/**
 * The plan for a store: a rollback-journal store, or a WAL store whose `-wal` and `-shm` both
 * exist, opens directly (nothing is created). Any other WAL store is copied, up to `limit` bytes;
 * above it the store opens in place in a writable folder, and is refused in a read-only one.
 */
export function planWalOpen(f: WalFacts, storePath: string, limit = WAL_COPY_LIMIT_BYTES): WalOpenPlan {
  if (!f.wal || (f.hasWal && f.hasShm)) {
    return { kind: 'direct' };
  }
  if (f.bytes <= limit) {
    return { kind: 'copy', bytes: f.bytes };
  }
  if (f.folderWritable) {
    return { kind: 'in-place', bytes: f.bytes };
  }
  throw new AuditlensError(
    'unsupported',
    `${storePath} is a WAL store in a folder Auditlens cannot write to, and without its index (-shm) SQLite cannot read it there; it is ${mib(f.bytes)}, more than the ${mib(limit)} Auditlens copies on its own. Copy the store (with its -wal file, if any) to a writable folder and open the copy.`,
  );
}

/** The facts about `storePath` on disk; `wal` comes from the sniffed header. */
export function readWalFacts(storePath: string, wal: boolean): WalFacts {
  const size = (p: string): number | null => {
    try {
      return fs.statSync(p).size;
    } catch {
      return null;
    }
  };
  const store = size(storePath) ?? 0;
  const log = size(`${storePath}-wal`);
  let folderWritable = true;
  try {
    fs.accessSync(path.dirname(storePath), fs.constants.W_OK);
  } catch {
    folderWritable = false;
  }
  return { wal, hasWal: log !== null, hasShm: size(`${storePath}-shm`) !== null, bytes: store + (log ?? 0), folderWritable };
}

/** A private copy of a store; `dispose` removes it. */
export interface PrivateCopy {
  readonly path: string;
  readonly bytes: number;
  readonly ms: number;
  dispose(): void;
}

/**
 * Copies the store and its `-wal` (if any) into a fresh folder under `tmpRoot`, named after this
 * process so a copy left by a killed process is swept at the next open (sweepStaleWalCopies).
 */
export async function makePrivateCopy(storePath: string, tmpRoot = os.tmpdir()): Promise<PrivateCopy> {
  const started = Date.now();
  const dir = await fs.promises.mkdtemp(path.join(tmpRoot, `${COPY_PREFIX}${process.pid}-`));
  const copy = path.join(dir, path.basename(storePath));
  try {
    // Asynchronous: a 1 GiB copy must not hold the app's main process. COPYFILE_FICLONE makes a
    // reflink where the file system has them (btrfs, XFS, APFS), else a plain copy.
    await fs.promises.copyFile(storePath, copy, fs.constants.COPYFILE_FICLONE);
    let bytes = (await fs.promises.stat(copy)).size;
    if (fs.existsSync(`${storePath}-wal`)) {
      await fs.promises.copyFile(`${storePath}-wal`, `${copy}-wal`, fs.constants.COPYFILE_FICLONE);
      bytes += (await fs.promises.stat(`${copy}-wal`)).size;
    }
    const dispose = (): void => {
      try {
        fs.rmSync(dir, { recursive: true, force: true });
      } catch {
        // A worker still holds it open (Windows): the sweep at a later open removes it.
      }
    };
    return { path: copy, bytes, ms: Date.now() - started, dispose };
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOSPC' ? `the temporary folder ${tmpRoot} is full` : `copying it failed (${code ?? String(e)})`;
    throw new AuditlensError('io', `${storePath} is a WAL store that Auditlens reads from a private copy so nothing is created beside it, but ${why}. Free some space there, or open the store from a folder where its -wal and -shm files exist.`);
  }
}

/** A private copy's folder name, with the pid of the process that made it. */
const COPY_NAME = new RegExp(`^${COPY_PREFIX}(\\d+)-[A-Za-z0-9]{6}$`);

/** Removes private copies whose process is gone (a kill -9 skips `dispose`); a live process's copy stays. */
export function sweepStaleWalCopies(tmpRoot = os.tmpdir()): void {
  let names: string[];
  try {
    names = fs.readdirSync(tmpRoot);
  } catch {
    return;
  }
  for (const name of names) {
    const m = COPY_NAME.exec(name);
    if (m && !isProcessAlive(Number(m[1]))) {
      fs.rmSync(path.join(tmpRoot, name), { recursive: true, force: true });
    }
  }
}

/** A catalog entry saying how a WAL store was read; the store bar shows it by its severity. */
export interface WalNote {
  readonly message: string;
  readonly severity: LoadSeverity;
}

/**
 * The catalog's note about how the store was read, shown with the load problems. A private copy
 * loses nothing, so it is a notice; an in-place open left files beside the store, so it stays a problem.
 */
export function walNote(plan: WalOpenPlan, copy: PrivateCopy | null): WalNote | null {
  if (plan.kind === 'copy' && copy) {
    return {
      severity: 'notice',
      message: `a WAL store without its index (-shm): read from a private copy (${mib(copy.bytes)}, copied in ${copy.ms} ms) so nothing is created beside it; changes made to the store after it was opened are not shown until it is opened again`,
    };
  }
  if (plan.kind === 'in-place') {
    return {
      severity: 'problem',
      message: `a WAL store without its index (-shm), too big to copy (${mib(plan.bytes)}): SQLite created its -wal and -shm files beside it, as any reader does; they hold no data and may be deleted once no program has the store open`,
    };
  }
  return null;
}

function mib(bytes: number): string {
  if (bytes >= 1024 ** 3) {
    return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  }
  return bytes >= 1024 ** 2 ? `${Math.round(bytes / 1024 ** 2)} MiB` : `${Math.max(1, Math.round(bytes / 1024))} KiB`;
}


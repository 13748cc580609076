import Database from 'better-sqlite3';
import { withSqliteBinding } from '../../native/sqlite-binding';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { AuditlensError } from '../../../shared/api/result';
import { cacheNames, CACHE_FORMAT, olderCaches, sweepStaleTemps } from './cache-key';
import { CacheWriter, FILES_TABLE, META_TABLE } from './cache-writer';
import { throwIfCancelled, type IngestOptions, type IngestProgress, type IngestStats } from './ingest';
import { defaultParseWorker, ingestParallel } from './parallel-ingest';
import type { FoundFile, LocationScan } from './scan-files';

/** How the cache for a location was obtained. */
export interface CacheOutcome {
  readonly file: string;
  /** 'reused': nothing changed; 'extended': only new files were read; 'built': read from scratch. */
  readonly how: 'reused' | 'extended' | 'built';
  /** Files read this time (the others were already in the cache). */
  readonly ingested: readonly FoundFile[];
  readonly stats: IngestStats | null;
}

interface IndexedFile {
  readonly path: string;
  readonly size: number;
  readonly mtime_ms: number;
}

/**
 * Returns a complete cache for the scanned location: the one whose fingerprint matches (nothing
 * changed), or a copy of an older one extended with only the files added since (every indexed file
 * still has its size and mtime), or a new one. Writing happens in a temporary file renamed into
 * place when complete; older caches of the location are then removed.
 */
export async function ensureCache(cacheDir: string, scan: LocationScan, options: IngestOptions = {}): Promise<CacheOutcome> {
  const names = cacheNames(cacheDir, scan.root, scan.files);
  fs.mkdirSync(names.dir, { recursive: true });
  sweepStaleTemps(names);
  if (isComplete(names.file)) {
    return { file: names.file, how: 'reused', ingested: [], stats: null };
  }
  const base = olderCaches(names).find((p) => isComplete(p) && isExtensible(p, scan.files));
  const known = base ? indexedPaths(base) : new Set<string>();
  const todo = scan.files.filter((f) => !known.has(f.rel));
  const tmp = `${names.file}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  let writer: CacheWriter | null = null;
  let stats: IngestStats;
  try {
    if (base) {
      // Copied rather than appended to in place: a reader may have the old cache open right now.
      await fs.promises.copyFile(base, tmp);
    }
    writer = CacheWriter.open(tmp, scan.root);
    stats = await ingestParallel(writer, todo, options, options.parseWorker === undefined ? await defaultParseWorker(todo) : options.parseWorker);
    for (const step of writer.finishSteps()) {
      // Each step is one SQL statement or a few; between them the app gets a turn and can cancel.
      options.onProgress?.({ ...progressOf(stats), phase: 'indexing' });
      await new Promise((r) => setImmediate(r));
      throwIfCancelled(options.signal);
      step();
    }
    writer.close();
    publish(tmp, names.file);
  } catch (e) {
    writer?.close();
    fs.rmSync(tmp, { force: true });
    throw e instanceof AuditlensError ? e : new AuditlensError('io', `The JSON cache could not be written in ${names.dir}: ${(e as Error).message}`);
  }
  for (const old of olderCaches(names)) {
    try {
      fs.rmSync(old, { force: true });
    } catch {
      // On Windows a cache still open in another window cannot be removed; the next open retries.
    }
  }
  return { file: names.file, how: base ? 'extended' : 'built', ingested: todo, stats };
}

function progressOf(s: IngestStats): Omit<IngestProgress, 'phase'> {
  return { files: s.files, filesTotal: s.filesTotal, records: s.records, bytes: s.bytes, bytesTotal: s.bytesTotal };
}

/** True when the file is a cache of this format that was finished. */
function isComplete(file: string): boolean {
  if (!fs.existsSync(file)) {
    return false;
  }
  try {
    const db = new Database(file, withSqliteBinding({ readonly: true, fileMustExist: true }));
    try {
      const rows = db.prepare(`SELECT key, value FROM ${META_TABLE} WHERE key IN ('complete', 'format')`).all() as { key: string; value: unknown }[];
      const meta = new Map(rows.map((r) => [r.key, Number(r.value)]));
      return meta.get('complete') === 1 && meta.get('format') === CACHE_FORMAT;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/** True when every file the cache indexed is still there, unchanged: new files can simply be added. */
function isExtensible(file: string, files: readonly FoundFile[]): boolean {
  const now = new Map(files.map((f) => [f.rel, f]));
  for (const f of readIndex(file)) {
    const cur = now.get(f.path);
    if (!cur || cur.size !== f.size || cur.mtimeMs !== f.mtime_ms) {
      return false;
    }
  }
  return true;
}

function indexedPaths(file: string): Set<string> {
  return new Set(readIndex(file).map((f) => f.path));
}

/** The files a cache has read, from its `_files` index. */
export function readIndex(file: string): IndexedFile[] {
  const db = new Database(file, withSqliteBinding({ readonly: true, fileMustExist: true }));
  try {
    return db.prepare(`SELECT path, size, mtime_ms FROM ${FILES_TABLE}`).all() as IndexedFile[];
  } finally {
    db.close();
  }
}

/** Moves the finished temporary file into place; tolerates another process having done the same. */
function publish(tmp: string, file: string): void {
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    if (isComplete(file)) {
      fs.rmSync(tmp, { force: true });
      return;
    }
    throw e;
  }
}

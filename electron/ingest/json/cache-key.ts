import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FoundFile } from './scan-files';
import { isProcessAlive } from '../process-alive';

/** Bumped whenever the cache's tables or their meaning change, so old caches are never reused. */
export const CACHE_FORMAT = 4;

/** Where the caches of one location live and what the current one is called. */
export interface CacheNames {
  readonly dir: string;
  /** Shared by every cache of this location: `json-<hash of the location>`. */
  readonly prefix: string;
  /** The cache for exactly these files (sizes and modification times). */
  readonly file: string;
}

/**
 * Names the cache of a location: a prefix from the location's path (so older caches of the same
 * location can be found and extended) and a fingerprint of every file's path, size and mtime (so a
 * cache whose files are all unchanged is reused as is).
 */
export function cacheNames(cacheDir: string, location: string, files: readonly FoundFile[]): CacheNames {
  const dir = path.join(cacheDir, 'json');
  const prefix = `json-${sha(`${CACHE_FORMAT}\0${path.resolve(location)}`).slice(0, 20)}`;
  return { dir, prefix, file: path.join(dir, `${prefix}-${fingerprint(files)}.sqlite`) };
}

/** A short hash of the files' relative paths, sizes and modification times. */
export function fingerprint(files: readonly FoundFile[]): string {
  const h = createHash('sha256');
  for (const f of files) {
    h.update(`${f.rel}\0${f.size}\0${f.mtimeMs}\n`);
  }
  return h.digest('hex').slice(0, 16);
}

/** Complete caches of the same location other than `names.file`, newest first. */
export function olderCaches(names: CacheNames): string[] {
  let entries: string[];
  try {
    entries = fs.readdirSync(names.dir);
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.startsWith(`${names.prefix}-`) && e.endsWith('.sqlite'))
    .map((e) => path.join(names.dir, e))
    .filter((p) => p !== names.file)
    .map((p) => ({ p, t: safeMtime(p) }))
    .sort((a, b) => b.t - a.t)
    .map((x) => x.p);
}

/** Removes temporary cache files left by a crash or a kill more than an hour ago. */
export function sweepStaleTemps(names: CacheNames, now = Date.now()): void {
  sweepTemps(names.dir, `${names.prefix}-`, now);
}

/**
 * The same sweep over every location's caches, run once at start (CLI and app host): a killed
 * ingest of a location that is never opened again must not keep its temporary cache for ever.
 * `cacheDir` is the folder given to `cacheNames`.
 */
export function sweepAllStaleTemps(cacheDir: string, now = Date.now()): void {
  sweepTemps(path.join(cacheDir, 'json'), 'json-', now);
}

function sweepTemps(dir: string, prefix: string, now: number): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e);
    if (!e.startsWith(prefix) || !e.includes('.tmp-')) {
      continue;
    }
    // A temp of a process that is gone (killed mid-ingest) goes at once; one of a live process
    // other than this one only after an hour (its pid may have been reused by another program).
    const pid = Number(/\.tmp-(\d+)-/.exec(e)?.[1] ?? NaN);
    const gone = Number.isInteger(pid) && pid !== process.pid && !isProcessAlive(pid);
    if (gone || now - safeMtime(p) > 3_600_000) {
      fs.rmSync(p, { force: true });
    }
  }
}

/** True when a process with this id runs (EPERM: it does, under another user). */

function safeMtime(p: string): number {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}

function sha(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

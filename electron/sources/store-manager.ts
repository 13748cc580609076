import crypto from 'node:crypto';
import { AuditlensError } from '../../shared/api/result';
import fs from 'node:fs';
import path from 'node:path';
import { sweepAllStaleTemps } from '../ingest/json/cache-key';
import type { IngestProgress } from '../ingest/json/ingest';
import { JsonSource } from './json/json-source';
import type { PostgresOpenOptions } from './postgres/postgres-source';
import { PostgresSource } from './postgres/postgres-source';
import type { Source } from './source';
import type { SqliteSourceDeps } from './sqlite/sqlite-source';
import { SqliteSource } from './sqlite/sqlite-source';
import { sweepStaleWalCopies } from './sqlite/wal-open';
import { expandUserPath } from './user-path';

/** True when a location names a Postgres database rather than a file or folder. */
export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location.trim());
}

const JSON_EXTENSIONS = new Set(['.json', '.jsonl', '.ndjson', '.log']);
const SQLITE_EXTENSIONS = new Set(['.db', '.sqlite', '.sqlite3', '.db3']);

/**
 * True when a location is a JSON store: a folder (of audit files), a file with a JSON-ish name,
 * or any file whose first non-blank byte opens a JSON document. A SQLite name (`x.db`) always
 * means SQLite, so JSON or a folder under that name gets SQLite's clear refusal, not a surprise.
 */
export function isJsonLocation(location: string): boolean {
  if (SQLITE_EXTENSIONS.has(path.extname(location).toLowerCase())) {
    return false;
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(location);
  } catch {
    return JSON_EXTENSIONS.has(path.extname(location).toLowerCase());
  }
  if (stat.isDirectory()) {
    return true;
  }
  if (!stat.isFile()) {
    return false;
  }
  if (JSON_EXTENSIONS.has(path.extname(location).toLowerCase())) {
    return true;
  }
  const head = Buffer.alloc(64);
  const fd = fs.openSync(location, 'r');
  try {
    const n = fs.readSync(fd, head, 0, 64, 0);
    const text = head.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '').trimStart();
    return text.startsWith('{') || text.startsWith('[');
  } finally {
    fs.closeSync(fd);
  }
}

/** Progress and cancellation of opening a store that takes a while (a JSON folder being cached). */
export interface OpenHooks {
  readonly onProgress?: ((p: IngestProgress) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
  /** An export follows (the CLI): start its worker while the catalog is read. */
  readonly warmExport?: boolean | undefined;
}

/** Opens stores by location and keeps them by id until closed. */
export class StoreManager {
  private readonly open = new Map<string, Source>();

  public constructor(
    private readonly sqlite: SqliteSourceDeps,
    /** How Postgres stores open here: the CLI and browser mode may read PGPASSWORD and ~/.pgpass. */
    private readonly postgres: PostgresOpenOptions = {},
    /** Where JSON stores are cached as SQLite (the app's cache folder). */
    private readonly jsonCacheDir: string | null = null,
  ) {}

  /** Opens the store at `location`: a `postgres://` URL, a JSON folder or file, or a SQLite file. */
  public async openLocation(typed: string, options: PostgresOpenOptions = {}, hooks: OpenHooks = {}): Promise<{ storeId: string; source: Source }> {
    let source: Source;
    // `~/x.db` and `data/x.db` mean what they mean in the user's shell, wherever the store is read.
    const location = isPostgresLocation(typed) ? typed : expandUserPath(typed);
    if (isPostgresLocation(location)) {
      source = await PostgresSource.open(location.trim(), { ...this.postgres, ...options });
    } else if (this.jsonCacheDir !== null && isJsonLocation(location)) {
      source = await JsonSource.open(path.resolve(location), { ...this.sqlite, cacheDir: this.jsonCacheDir, onProgress: hooks.onProgress, signal: hooks.signal });
    } else {
      source = await SqliteSource.open(location, this.sqlite, { warmExport: hooks.warmExport === true });
    }
    const storeId = crypto.randomUUID();
    this.open.set(storeId, source);
    return { storeId, source };
  }

  /** The open store with this id, or a typed error. */
  public get(storeId: string): Source {
    const s = this.open.get(storeId);
    if (!s) {
      throw new AuditlensError('not-found', 'That store is no longer open; open it again.');
    }
    return s;
  }

  /** Closes one store. */
  public async close(storeId: string): Promise<void> {
    const s = this.open.get(storeId);
    this.open.delete(storeId);
    await s?.close();
  }

  /** How many stores are open: what a refused open must leave unchanged. */
  public get openCount(): number {
    return this.open.size;
  }

  /** Closes every store (on quit). */
  public async closeAll(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    await Promise.all(all.map((s) => s.close()));
  }
}

/**
 * Removes what killed processes left, once at start (CLI and app host): the temporary JSON caches
 * of every location (`jsonCacheDir` is the folder given to StoreManager) and private copies of
 * WAL stores. Each also goes when its own location or a WAL store is next opened.
 */
export function sweepSourceLeftovers(jsonCacheDir: string): void {
  sweepAllStaleTemps(jsonCacheDir);
  sweepStaleWalCopies();
}

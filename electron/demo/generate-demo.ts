/**
 * Deterministic demo audit store.
 *
 * Builds one SQLite file holding a table set for each audit format Auditlens reads:
 * dbt audit tables (summary/detail and hook-written dbt_audit_log), the ddeutil-workflow
 * `audits` table with zlib JSON blobs, the Fivetran Platform Connector `log`/`connection`,
 * and the transformation-logging tables (session/operation/artifact/lineage_edge).
 *
 * The content depends only on the seed and scale: every table builder draws from its own
 * seeded stream and a fixed end date, so two runs give identical rows. The file is written
 * beside its destination under a per-process temporary name and renamed into place only when
 * complete, so a crash never leaves a half-written demo where the app would open it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { withSqliteBinding } from '../native/sqlite-binding';
import type { Database as Db } from 'better-sqlite3';
import { createPrng, deriveSeed, type Prng } from './prng';
import { buildDbtTables } from './tables-dbt';
import { buildDdeutilTables } from './tables-ddeutil';
import { buildFivetranTables } from './tables-fivetran';
import { buildTransformationTables } from './tables-transformation';

/** Content version of the demo store; bump whenever generated content changes. */
export const DEMO_VERSION = 3;

/** Seed used when none is given. */
export const DEFAULT_DEMO_SEED = 20261101;

/** The instant all generated histories end at: 2026-11-01 00:00:00 UTC. */
export const DEMO_END_MS = Date.UTC(2026, 10, 1);

/** Options for `generateDemoStore`. */
export interface DemoOptions {
  /** PRNG seed; the same seed gives identical tables. */
  readonly seed?: number;
  /** Multiplier on row counts (1 = about 60,000 dbt summary rows). */
  readonly scale?: number;
}

/** What was written: the final path and the row count of every table. */
export interface DemoResult {
  readonly path: string;
  readonly tables: Record<string, number>;
}

type TableBuilder = (db: Db, rng: Prng, base: number, scale: number) => void;

const BUILDERS: readonly (readonly [string, TableBuilder])[] = [
  ['dbt', buildDbtTables],
  ['ddeutil', buildDdeutilTables],
  ['fivetran', buildFivetranTables],
  ['transformation', buildTransformationTables],
];

function removeQuietly(file: string): void {
  for (const candidate of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) {
    fs.rmSync(candidate, { force: true });
  }
}

function countRows(db: Db): Record<string, number> {
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const tables: Record<string, number> = {};
  for (const name of names) {
    tables[name] = db.prepare(`SELECT count(*) FROM "${name.replaceAll('"', '""')}"`).pluck().get() as number;
  }
  return tables;
}

/** Generates the demo store at `outPath` atomically (temp file + rename) and returns its row counts. */
export function generateDemoStore(outPath: string, options: DemoOptions = {}): DemoResult {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const scale = options.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new RangeError(`scale must be a positive number, got ${scale}`);
  }
  fs.mkdirSync(path.dirname(outPath), { recursive: true });
  const tmp = `${outPath}.tmp-${process.pid}`;
  removeQuietly(tmp);
  let tables: Record<string, number>;
  const db = new Database(tmp, withSqliteBinding({}));
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.transaction(() => {
      for (const [label, build] of BUILDERS) {
        build(db, createPrng(deriveSeed(seed, label)), DEMO_END_MS, scale);
      }
    })();
    tables = countRows(db);
    db.close();
  } catch (error) {
    if (db.open) {
      db.close();
    }
    removeQuietly(tmp);
    throw error;
  }
  fs.renameSync(tmp, outPath);
  return { path: outPath, tables };
}

/** Returns `<dir>/auditlens-demo-v<DEMO_VERSION>.db`, generating it only when it is missing. */
export function ensureDemoStore(dir: string): string {
  const file = path.join(dir, `auditlens-demo-v${DEMO_VERSION}.db`);
  if (!fs.existsSync(file)) {
    generateDemoStore(file);
  }
  return file;
}

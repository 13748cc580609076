import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectStore } from '../../../electron/cli/inspect-command';
import { PostgresSource } from '../../../electron/sources/postgres/postgres-source';
import { StoreManager } from '../../../electron/sources/store-manager';
import { tempDir } from '../../helpers/files';
import { sqliteDeps } from '../../helpers/sqlite-deps';
import type { InspectJson } from '../../../electron/cli/inspect-command';

const DB = `auditlens_views_${crypto.randomBytes(5).toString('hex')}`;
const URL = `postgres://postgres@127.0.0.1:5432/${DB}`;
const { dir, cleanup } = tempDir('auditlens-hostile-views-');
let admin: pg.Client;

async function largeObjects(): Promise<number> {
  const c = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: DB });
  await c.connect();
  try {
    return Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM pg_largeobject_metadata')).rows[0]?.n);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  admin = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DB}`);
  const c = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: DB });
  await c.connect();
  await c.query(`CREATE TABLE audit_event (id int PRIMARY KEY, what text);
    INSERT INTO audit_event VALUES (1, 'a'), (2, 'b');
    CREATE VIEW trap AS SELECT lo_create(0) AS made FROM audit_event;`);
  await c.end();
  const db = new Database(path.join(dir, 'views.db'));
  db.exec(`CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2), (3); CREATE VIEW odd AS SELECT * FROM t WHERE a % 2 = 1;`);
  db.close();
});

afterAll(async () => {
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.end();
  cleanup();
});

describe('opening a store runs no view', () => {
  it('H1-pg-view-side-effect: sidebar counts and inspect leave a lo_create view unrun; the view stays unrun', async () => {
    const source = await PostgresSource.open(URL);
    try {
      const counts = await source.rowCounts(2_000);
      expect(counts['public.audit_event']).toEqual({ value: 2, exact: true });
      expect(counts['public.trap']).toBeNull();
      expect(await largeObjects()).toBe(0);
    } finally {
      await source.close();
    }
    const doc = JSON.parse(await inspectStore(new StoreManager(sqliteDeps), URL, true)) as InspectJson;
    expect(doc.tables.find((t) => t.name === 'trap')).toMatchObject({ kind: 'view', rowCount: null });
    expect(await largeObjects()).toBe(0);
  });

  it('H1-sqlite-view-not-counted: inspect lists a SQLite view as not counted; --count-views counts it', async () => {
    const store = path.join(dir, 'views.db');
    const doc = JSON.parse(await inspectStore(new StoreManager(sqliteDeps), store, true)) as InspectJson;
    expect(doc.tables.find((t) => t.name === 'odd')).toMatchObject({ kind: 'view', rowCount: null });
    expect(doc.tables.find((t) => t.name === 't')).toMatchObject({ rowCount: 3 });
    const text = await inspectStore(new StoreManager(sqliteDeps), store, false);
    expect(text).toContain('odd (view)  not counted');
    const counted = JSON.parse(await inspectStore(new StoreManager(sqliteDeps), store, true, 2_000, true)) as InspectJson;
    expect(counted.tables.find((t) => t.name === 'odd')).toMatchObject({ rowCount: 2 });
  });
});

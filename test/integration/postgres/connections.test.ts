import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/api/handlers';
import { safeStorageBox } from '../../../electron/app-data/secret-box';
import { StoreManager } from '../../../electron/sources/store-manager';
import type { PgTestResult, SavedConnectionInfo, StoreSummary } from '../../../shared/api/contract';
import type { Handlers } from '../../../shared/api/dispatch';
import { dispatch } from '../../../shared/api/dispatch';
import { tempDir } from '../../helpers/files';
import { testServices } from '../../helpers/services';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const db = `al_conn_${crypto.randomBytes(4).toString('hex')}`;
const roles = { reader: `${db}_reader`, writer: `${db}_writer` };
const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
const { dir, cleanup } = tempDir();
const SECRET = 'canary-p4ss:@/%';

// A reversible keychain stand-in; the real one is Electron's safeStorage.
const box = safeStorageBox({
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (b) => Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8'),
}, 'darwin');

function handlersWith(secrets: typeof box): Handlers {
  return createHandlers(testServices(dir, '', new StoreManager(sqliteDeps, { passwordFallbacks: false }), secrets));
}

async function call<T>(h: Handlers, name: string, input: unknown): Promise<T> {
  const r = await dispatch(h, name, input, { transport: 'test' });
  if (!r.ok) {
    throw new Error(`${r.error.code}: ${r.error.message}`);
  }
  return r.value as T;
}

beforeAll(async () => {
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  await admin.query(`CREATE ROLE ${roles.reader} LOGIN PASSWORD 'x'; CREATE ROLE ${roles.writer} LOGIN PASSWORD 'x'`);
  const c = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: db });
  await c.connect();
  await c.query(`CREATE SCHEMA audit; CREATE SCHEMA scratch;
    CREATE TABLE audit.transformation_session (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), session_type text, status text, started_at timestamptz DEFAULT now());
    CREATE TABLE scratch.notes (id int PRIMARY KEY);
    GRANT USAGE ON SCHEMA audit, scratch TO ${roles.reader}, ${roles.writer};
    GRANT SELECT ON ALL TABLES IN SCHEMA audit, scratch TO ${roles.reader}, ${roles.writer};
    GRANT INSERT ON audit.transformation_session TO ${roles.writer};`);
  await c.end();
});

afterAll(async () => {
  await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin.query(`DROP ROLE IF EXISTS ${roles.reader}; DROP ROLE IF EXISTS ${roles.writer}`);
  await admin.end();
  cleanup();
});

describe('connecting to Postgres from the app', () => {
  it('tests a connection from the form and warns when the login could write', async () => {
    const h = handlersWith(null);
    const su = await call<PgTestResult>(h, 'pg.test', { host: '127.0.0.1', port: 5432, database: db, user: 'postgres' });
    expect(su).toMatchObject({ user: 'postgres', database: db, tableCount: 2 });
    expect(su.server).toMatch(/^PostgreSQL \d+/);
    expect(su.writeWarning).toMatch(/superuser/);
    const writer = await call<PgTestResult>(h, 'pg.test', { url: `postgres://${roles.writer}@127.0.0.1:5432/${db}` });
    expect(writer.writeWarning).toBe(`This login may change 1 of the tables (audit.transformation_session). Auditlens only reads; prefer a read-only login.`);
    const reader = await call<PgTestResult>(h, 'pg.test', { url: `postgres://${roles.reader}@127.0.0.1:5432/${db}` });
    expect(reader.writeWarning).toBeNull();
  });

  it('shows only the chosen schemas and carries the warning into the open store', async () => {
    const h = handlersWith(null);
    const s = await call<StoreSummary>(h, 'pg.connect', { host: '127.0.0.1', database: db, user: roles.writer, schemas: ['audit'] });
    expect(s.tableCount).toBe(1);
    expect(s.writeWarning).toMatch(/may change 1 of the tables/);
    expect(s.source.location).not.toContain('x@');
  });

  it('refuses to save a password where no keychain can seal it, and never saves one in a URL', async () => {
    const stores = new StoreManager(sqliteDeps, { passwordFallbacks: false });
    const h = createHandlers(testServices(dir, '', stores, null));
    const r = await dispatch(h, 'pg.connect', { host: '127.0.0.1', database: db, user: roles.reader, password: SECRET, saveAs: 'prod' }, { transport: 'test' });
    expect(r.ok ? '' : r.error.message).toMatch(/keychain/);
    const inUrl = await dispatch(h, 'pg.connect', { url: `postgres://${roles.reader}:pw@127.0.0.1/${db}`, saveAs: 'x' }, { transport: 'test' });
    expect(inUrl.ok ? '' : inUrl.error.message).toMatch(/password field, not in the URL/);
    // A refused save leaves nothing open behind the page's back.
    expect(stores.openCount).toBe(0);
  });

  it('saves a connection with its password sealed, lists it without the password, and reopens it', async () => {
    const h = handlersWith(box);
    await call<StoreSummary>(h, 'pg.connect', { host: '127.0.0.1', database: db, user: roles.reader, password: SECRET, saveAs: 'prod audit', schemas: ['audit'] });
    const { connections, canKeepPasswords } = await call<{ connections: SavedConnectionInfo[]; canKeepPasswords: boolean }>(h, 'connections.list', {});
    expect(canKeepPasswords).toBe(true);
    expect(connections).toEqual([{ id: expect.any(String), name: 'prod audit', url: `postgres://${roles.reader}@127.0.0.1/${db}`, schemas: ['audit'], hasPassword: true }]);
    expect(JSON.stringify(connections)).not.toContain(SECRET);
    const onDisk = fs.readFileSync(path.join(dir, 'data', 'connections.json'), 'utf8');
    expect(onDisk).not.toContain(SECRET);
    expect(onDisk).not.toContain(encodeURIComponent(SECRET));
    const reopened = await call<StoreSummary>(h, 'connections.open', { id: connections[0]?.id });
    expect(reopened.tableCount).toBe(1);
    expect(await call(h, 'connections.remove', { id: connections[0]?.id })).toBe(true);
    expect((await call<{ connections: unknown[] }>(h, 'connections.list', {})).connections).toEqual([]);
  });

  it('explains a refused connection where the user typed it', async () => {
    const h = handlersWith(null);
    const r = await dispatch(h, 'pg.test', { host: '127.0.0.1', port: 1, database: 'x' }, { transport: 'test' });
    expect(r).toEqual({ ok: false, error: { code: expect.any(String), message: 'Nothing is listening at 127.0.0.1:1.' } });
    const bad = await dispatch(h, 'pg.test', { host: '127.0.0.1' }, { transport: 'test' });
    expect(bad.ok ? '' : bad.error.message).toBe('Give a host and a database, or a postgres:// URL.');
  });
});

describe('the keychain box', () => {
  it('is refused where safeStorage would only pretend to encrypt', () => {
    const storage = { isEncryptionAvailable: () => true, encryptString: (s: string) => Buffer.from(s), decryptString: (b: Buffer) => b.toString(), getSelectedStorageBackend: () => 'basic_text' };
    expect(safeStorageBox(storage, 'linux')).toBeNull();
    expect(safeStorageBox({ ...storage, isEncryptionAvailable: () => false }, 'darwin')).toBeNull();
    expect(safeStorageBox({ ...storage, getSelectedStorageBackend: () => 'kwallet5' }, 'linux')).not.toBeNull();
  });
});

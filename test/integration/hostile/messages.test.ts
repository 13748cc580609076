import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromSqliteError } from '../../../electron/sources/sqlite/sqlite-errors';
import { tempDir } from '../../helpers/files';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const { dir, cleanup } = tempDir('auditlens-hostile-msg-');
const store = path.join(dir, 'secret.db');
const isRoot = process.getuid?.() === 0;
/** The unprivileged user the unreadable-store test runs the CLI as (root reads everything). */
const NOBODY = 65_534;

beforeAll(() => {
  const db = new Database(store);
  db.exec('CREATE TABLE t (a INTEGER)');
  db.close();
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(store, 0o000);
  fs.mkdirSync(path.join(dir, 'data'), { mode: 0o777 });
  fs.chmodSync(path.join(dir, 'data'), 0o777);
});
afterAll(cleanup);

describe('messages say what happened and what to do', () => {
  it('H12-fs-errors: ENOSPC and EPERM met by SQLite read as sentences, not "SQLite failed: ENOSPC"', () => {
    const full = fromSqliteError(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', path: '/x/out.csv' }), '/x/store.db');
    expect(full.code).toBe('io');
    expect(full.message).toBe('The disk holding /x/out.csv is full (or over its quota); free some space or choose another folder, then try again.');
    const denied = fromSqliteError(Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' }), '/x/store.db');
    expect(denied.message).toBe("Permission denied for /x/store.db: this user may not use it. Check its permissions (and its folder's), or choose another file.");
  });

  it.skipIf(!isRoot)('H12-unreadable-store: a store this user cannot read gets a sentence, not a raw EACCES', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'auditlens.js'), 'inspect', store], {
      uid: NOBODY, gid: NOBODY, encoding: 'utf8', timeout: 30_000, env: { ...process.env, AUDITLENS_DATA_DIR: path.join(dir, 'data'), HOME: path.join(dir, 'data') },
    });
    expect(r.stderr).toBe(`auditlens: ${store} cannot be read: permission denied. Ask for read access to it, or open a copy you can read.\n`);
    expect(r.status).toBe(1);
  });
});

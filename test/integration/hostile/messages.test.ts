import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromSqliteError } from '../../../electron/sources/sqlite/sqlite-errors';
import { tempDir } from '../../helpers/files';
import { runCli } from './cli-run';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const { dir, cleanup } = tempDir('auditlens-hostile-msg-');
const store = path.join(dir, 'secret.db');
/** A store with a view over a table that was dropped: SQLite cannot say what columns it has. */
const broken = path.join(dir, 'broken-view.db');
const isRoot = process.getuid?.() === 0;
/** The unprivileged user the unreadable-store test runs the CLI as (root reads everything). */
const NOBODY = 65_534;

beforeAll(() => {
  const db = new Database(store);
  db.exec('CREATE TABLE t (a INTEGER)');
  db.close();
  const b = new Database(broken);
  b.exec('CREATE TABLE gone (a INTEGER); CREATE VIEW orphan AS SELECT a FROM gone; DROP TABLE gone; CREATE TABLE kept (a INTEGER)');
  b.close();
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

  it('H12-undescribable-view: exporting a view the catalog cannot describe says so, not `near ")": syntax error`', () => {
    const sentence = 'auditlens: The view orphan has no columns Auditlens could read: the store could not describe it (it may use a table, column or function the store no longer has), so its rows cannot be shown or exported. Repair it in the program that made the store.\n';
    for (const out of ['-', path.join(dir, 'data', 'orphan.csv')]) {
      const r = runCli(path.join(dir, 'data'), ['export', broken, '--table', 'orphan', '--out', out]);
      expect(r.stderr).toBe(sentence);
      expect(r.stdout).toBe('');
      expect(r.code).toBe(1);
    }
    expect(fs.existsSync(path.join(dir, 'data', 'orphan.csv'))).toBe(false);
  });

  it('H12-sidecar-enospc: a provenance file that meets a full disk removes its CSV and says so', () => {
    const out = path.join(dir, 'data', 'full', 'kept.csv');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    // Fault injection at the file-system boundary of the real CLI: writes to the sidecar's temporary
    // file fail as on a full disk; everything else (the CSV, its rename) is real.
    const inject = path.join(dir, 'enospc-sidecar.cjs');
    fs.writeFileSync(inject, `
      const fs = require('node:fs');
      const doomed = new Set();
      const open = fs.openSync;
      fs.openSync = function (p, ...rest) {
        const fd = open.call(this, p, ...rest);
        if (/\\.csv\\.json\\.auditlens-tmp-/.test(String(p))) doomed.add(fd);
        return fd;
      };
      for (const name of ['writeFileSync', 'writeSync']) {
        const real = fs[name];
        fs[name] = function (fd, ...rest) {
          if (doomed.has(fd)) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
          return real.call(this, fd, ...rest);
        };
      }
    `);
    const r = runCli(path.join(dir, 'data'), ['export', broken, '--table', 'kept', '--out', out], { env: { NODE_OPTIONS: `--require ${inject}` } });
    expect(r.stderr).toBe(`auditlens: The provenance file ${out}.json could not be written (the disk is full), so the CSV was removed too; free some space or use --no-provenance, then export again.\n`);
    expect(r.code).toBe(1);
    expect(fs.readdirSync(path.dirname(out))).toEqual([]);
  });

  it.skipIf(!isRoot)('H12-unwritable-folder: an export into a folder this user may not write to names the folder, not a temporary file', () => {
    const folder = path.join(dir, 'locked-out');
    fs.mkdirSync(folder, { mode: 0o755 });
    fs.chmodSync(broken, 0o644);
    const own = path.join(dir, 'data-nobody');
    fs.mkdirSync(own, { mode: 0o777 });
    fs.chmodSync(own, 0o777);
    const exportAsNobody = (dataDir: string) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'auditlens.js'), 'export', broken, '--table', 'kept', '--out', path.join(folder, 'o.csv')], {
      uid: NOBODY, gid: NOBODY, encoding: 'utf8', timeout: 30_000, env: { ...process.env, AUDITLENS_DATA_DIR: dataDir, HOME: own },
    });
    const r = exportAsNobody(own);
    expect(r.stderr).toBe(`auditlens: Permission denied for the folder ${folder}: this user may not create files in it. Choose another folder, or ask for write access to it.\n`);
    expect(r.status).toBe(1);
    expect(fs.readdirSync(folder)).toEqual([]);
    // Auditlens's own data folder made by root: its export journal cannot be written.
    const rootOwned = path.join(dir, 'data-root');
    fs.mkdirSync(path.join(rootOwned, 'exports-in-flight'), { recursive: true, mode: 0o755 });
    fs.chmodSync(rootOwned, 0o777);
    fs.chmodSync(folder, 0o777);
    const j = exportAsNobody(rootOwned);
    expect(j.stderr).toBe(`auditlens: Auditlens cannot write to its own folder ${rootOwned} (this user may not write to it); fix that, or point AUDITLENS_DATA_DIR and AUDITLENS_CACHE_DIR at a folder this user owns.\n`);
    expect(j.status).toBe(1);
  });

  it.skipIf(!isRoot)('H12-unreadable-json: a JSON file this user may not read is a problem in words, not "(EACCES)"', () => {
    const json = path.join(dir, 'private.json');
    fs.writeFileSync(json, '[{"a":1}]');
    fs.chmodSync(json, 0o000);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'auditlens.js'), 'inspect', json], {
      uid: NOBODY, gid: NOBODY, encoding: 'utf8', timeout: 30_000, env: { ...process.env, AUDITLENS_DATA_DIR: path.join(dir, 'data'), HOME: path.join(dir, 'data') },
    });
    expect(r.stdout).toContain(`problem: ${json}: permission denied: this user may not read the file, so it was skipped; ask for read access to it, or open a copy you can read`);
    expect(r.stdout).not.toContain('EACCES');
  });
});

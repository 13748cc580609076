import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/files';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DB = `auditlens_full_${crypto.randomBytes(5).toString('hex')}`;
const URL = `postgres://postgres@127.0.0.1:5432/${DB}`;
const { dir, cleanup } = tempDir('auditlens-hostile-full-');
let admin: pg.Client;

beforeAll(async () => {
  admin = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DB}`);
  const c = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: DB });
  await c.connect();
  await c.query(`CREATE TABLE events AS SELECT g AS id, repeat('x', 100) AS what FROM generate_series(1, 20000) g`);
  await c.end();
});
afterAll(async () => {
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.end();
  cleanup();
});

describe('a full stdout', () => {
  it.skipIf(!fs.existsSync('/dev/full'))('H7-pg-dev-full: a Postgres export to a full stdout ends with one line and exit 1, no stack', () => {
    const full = fs.openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'auditlens.js'), 'export', URL, '--table', 'public.events', '--out', '-'], {
        stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 30_000, env: { ...process.env, AUDITLENS_DATA_DIR: path.join(dir, 'data') },
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('auditlens: Writing the CSV failed: the disk (or device) it goes to is full. The export stopped; no file was written.\n');
    } finally {
      fs.closeSync(full);
    }
  });
});

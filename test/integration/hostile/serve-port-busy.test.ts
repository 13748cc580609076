import Database from 'better-sqlite3';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/files';
import { runCli } from './cli-run';

const { dir, cleanup } = tempDir('auditlens-hostile-port-');
const store = path.join(dir, 'audit.db');
let blocker: net.Server;
let busyPort = 0;

beforeAll(async () => {
  const db = new Database(store);
  db.exec('CREATE TABLE t (a INTEGER)');
  db.close();
  blocker = net.createServer().listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => blocker.once('listening', () => resolve()));
  const a = blocker.address();
  busyPort = typeof a === 'object' && a ? a.port : 0;
});
afterAll(() => {
  blocker.close();
  cleanup();
});

describe('serve on a busy port', () => {
  it('H8-port-busy: serve STORE --port N exits 1 with one sentence when N is taken', () => {
    const r = runCli(path.join(dir, 'data'), ['serve', store, '--port', String(busyPort)], { timeoutMs: 20_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`auditlens: Port ${busyPort} on 127.0.0.1 is already in use by another program; choose another with --port N, or leave --port out to pick a free one.\n`);
  });
});

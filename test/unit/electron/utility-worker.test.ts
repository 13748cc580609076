/**
 * The utilityProcess-based SpawnWorker, first against the fake, then end to end against the real
 * SQLite worker script run behind a stand-in for Electron's `process.parentPort`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utilityWorkerSpawner } from '../../../electron/shell/utility-worker';
import { StoreManager } from '../../../electron/sources/store-manager';
import { workerEnv } from '../../../electron/workers/worker-process';
import { createFakeElectron } from './fake-electron';
import { nodeUtilityProcess } from './node-utility-process';

const WORKER = path.join(__dirname, '..', '..', '..', 'dist', 'electron', 'sqlite-worker.js');

let tmp: string;

beforeAll(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-utility-')));
  const db = new Database(path.join(tmp, 'audit.db'));
  db.exec("CREATE TABLE runs (id INTEGER PRIMARY KEY, status TEXT); INSERT INTO runs (status) VALUES ('ok'), ('failed');");
  db.close();
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('workerEnv', () => {
  it('keeps the environment, fixes the mmap threshold and drops the CA bundle workers never use', () => {
    const env = workerEnv({ PATH: '/usr/bin', NODE_OPTIONS: '--max-old-space-size=4096', NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca.crt' });
    expect(env).toEqual({ PATH: '/usr/bin', NODE_OPTIONS: '--max-old-space-size=4096', MALLOC_MMAP_THRESHOLD_: '262144' });
  });
});

describe('utilityWorkerSpawner', () => {
  it('forks with a service name, piped stderr and the worker options, and maps the WorkerProcess calls', () => {
    const fake = createFakeElectron();
    const unexpected: string[] = [];
    const proc = utilityWorkerSpawner(fake.surface, (message) => unexpected.push(message))('/app/dist/electron/sqlite-worker.js');
    const forked = fake.forks[0];
    expect(forked?.script).toBe('/app/dist/electron/sqlite-worker.js');
    expect(forked?.args).toEqual([]);
    expect(forked?.options).toMatchObject({ serviceName: 'Auditlens SQLite worker', stdio: 'pipe', execArgv: ['--expose-gc'] });
    // The environment is ours without the CA bundle, plus glibc's fixed mmap threshold (worker-process.ts).
    const { NODE_EXTRA_CA_CERTS: _ca, ...ours } = process.env;
    expect(forked?.options?.env).toEqual({ ...ours, MALLOC_MMAP_THRESHOLD_: '262144' });

    const got: unknown[] = [];
    let exitCode: number | null | undefined;
    proc.onMessage((m) => got.push(m));
    proc.onExit((c) => (exitCode = c));
    proc.send({ id: 1 });
    forked?.child.emit('message', { id: 1, kind: 'result' });
    expect(forked?.child.posted).toEqual([{ id: 1 }]);
    expect(got).toEqual([{ id: 1, kind: 'result' }]);

    proc.kill();
    expect(forked?.child.killed).toBe(1);
    forked?.child.emit('exit', 9);
    expect(exitCode).toBe(9);
    // After exit nothing more is sent or killed.
    proc.send({ id: 2 });
    proc.kill();
    expect(forked?.child.posted).toEqual([{ id: 1 }]);
    expect(forked?.child.killed).toBe(1);
    // It was killed on purpose: nothing to log.
    expect(unexpected).toEqual([]);
  });

  it('reports a worker that died on its own, with the end of its stderr', () => {
    const fake = createFakeElectron();
    const unexpected: [string, string][] = [];
    utilityWorkerSpawner(fake.surface, (message, tail) => unexpected.push([message, tail]))('/app/dist/electron/sqlite-worker.js');
    const child = fake.forks[0]?.child;
    child?.stderr.emit('data', Buffer.from('RangeError: Maximum call stack size exceeded\n    at x\n'));
    child?.emit('exit', 134);
    expect(unexpected).toEqual([['The SQLite worker stopped unexpectedly (exit 134)', 'RangeError: Maximum call stack size exceeded\n    at x\n']]);
  });

  it('runs the real SQLite worker through the parentPort path', async () => {
    const forks: string[] = [];
    const stores = new StoreManager({ spawn: utilityWorkerSpawner({ utilityProcess: nodeUtilityProcess({ forks }) }), workerScript: WORKER });
    try {
      const { source } = await stores.openLocation(path.join(tmp, 'audit.db'));
      const catalog = await source.catalog();
      expect(catalog.tables.map((t) => t.name)).toContain('runs');
      expect(forks.length).toBeGreaterThan(0);
      expect(new Set(forks)).toEqual(new Set([WORKER]));
    } finally {
      await stores.closeAll();
    }
  });
});

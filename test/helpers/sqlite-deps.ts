import path from 'node:path';
import { spawnNodeWorker } from '../../electron/workers/worker-process';
import type { SqliteSourceDeps } from '../../electron/sources/sqlite/sqlite-source';

/** The real worker process, as built by the tests' global setup. */
export const sqliteDeps: SqliteSourceDeps = {
  spawn: spawnNodeWorker,
  workerScript: path.resolve(__dirname, '..', '..', 'dist', 'electron', 'sqlite-worker.js'),
};

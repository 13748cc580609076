/**
 * SQLite workers as Electron utility processes.
 *
 * With the `runAsNode` fuse off, `child_process.fork` cannot start Node from the packaged binary;
 * `utilityProcess` is Electron's supported way to run a killable Node child. The worker script
 * already talks through `process.parentPort` when it finds one.
 */
import type { SpawnWorker, WorkerProcess } from '../workers/worker-process';
import { WORKER_EXEC_ARGV, workerEnv } from '../workers/worker-process';
import type { ElectronSurface } from './electron-surface';

/** Returns a SpawnWorker that starts each worker script with `utilityProcess.fork`. */
export function utilityWorkerSpawner(surface: Pick<ElectronSurface, 'utilityProcess'>): SpawnWorker {
  return (script: string): WorkerProcess => {
    // stdout/stderr go to ours so worker crashes show up in the app's log; stdin cannot be used.
    const child = surface.utilityProcess.fork(script, [], { serviceName: 'Auditlens SQLite worker', stdio: 'inherit', env: workerEnv(), execArgv: WORKER_EXEC_ARGV });
    let exited = false;
    child.on('exit', () => {
      exited = true;
    });
    return {
      send: (message) => {
        // Like the Node fork's `connected` check: a message to a dead worker is dropped, and the
        // host learns of the exit through onExit.
        if (!exited) {
          child.postMessage(message);
        }
      },
      onMessage: (cb) => {
        child.on('message', cb);
      },
      onExit: (cb) => {
        child.on('exit', (code) => cb(code));
      },
      kill: () => {
        if (!exited) {
          child.kill();
        }
      },
    };
  };
}

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

/** The last bytes of a worker's stderr kept for the log when it dies (its stack trace). */
const STDERR_TAIL = 8_192;

/**
 * Returns a SpawnWorker that starts each worker script with `utilityProcess.fork`. A worker that
 * exits without being asked to is reported to `onUnexpectedExit` with the end of its stderr (the
 * request it was running already failed with a sentence where the user acted).
 */
export function utilityWorkerSpawner(
  surface: Pick<ElectronSurface, 'utilityProcess'>,
  onUnexpectedExit?: (message: string, stderrTail: string) => void,
): SpawnWorker {
  return (script: string): WorkerProcess => {
    // stderr is piped so a crash's stack reaches the app's log; it is still echoed to ours.
    const child = surface.utilityProcess.fork(script, [], { serviceName: 'Auditlens SQLite worker', stdio: 'pipe', env: workerEnv(), execArgv: WORKER_EXEC_ARGV });
    let exited = false;
    let killed = false;
    let tail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      tail = (tail + chunk.toString()).slice(-STDERR_TAIL);
    });
    child.on('exit', (code) => {
      exited = true;
      if (!killed && code !== 0) {
        onUnexpectedExit?.(`The SQLite worker stopped unexpectedly (exit ${code})`, tail);
      }
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
          killed = true;
          child.kill();
        }
      },
    };
  };
}

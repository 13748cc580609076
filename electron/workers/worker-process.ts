import { fork } from 'node:child_process';

/** A child process we can message and kill: a Node fork here, an Electron utilityProcess in the app. */
export interface WorkerProcess {
  /** The OS process id, once started (for diagnostics and tests). */
  readonly pid?: number | undefined;
  send(message: unknown): void;
  onMessage(cb: (message: unknown) => void): void;
  onExit(cb: (code: number | null) => void): void;
  kill(): void;
}

/** Starts a worker script; injected so the Electron shell can use utilityProcess instead of fork. */
export type SpawnWorker = (script: string) => WorkerProcess;

/**
 * Environment of worker processes: glibc malloc with a fixed mmap threshold, so the multi-MiB
 * buffers an export allocates per block go back to the system when freed. With glibc's dynamic
 * threshold they stayed in the heap: a 10M-row export grew its worker by 166 MiB (bench), past
 * the 150 MB budget; with this, 2M and 10M rows stay flat. Other C libraries ignore the variable.
 * NODE_EXTRA_CA_CERTS is dropped: workers never open TLS connections, and Node parses that bundle
 * at start-up (0.1–0.25 s per process on a 2-core machine with a 215 KiB corporate bundle).
 */
export function workerEnv(base: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const { NODE_EXTRA_CA_CERTS: _unused, ...rest } = base;
  return { ...rest, MALLOC_MMAP_THRESHOLD_: String(256 * 1024) };
}

/** Node options of worker processes: `gc` for the SQLite export threads (sources/sqlite/export/rowid-range-thread.ts). */
export const WORKER_EXEC_ARGV: readonly string[] = ['--expose-gc'];

/** Spawns a worker with Node's fork and structured-clone messages (bigints and buffers survive). */
export const spawnNodeWorker: SpawnWorker = (script) => {
  const child = fork(script, [], {
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [...WORKER_EXEC_ARGV],
    env: workerEnv(),
  });
  return {
    pid: child.pid,
    send: (m) => {
      if (child.connected) {
        // The channel can close between the check and the write (the worker died or was
        // killed); without a callback Node raises that EPIPE as an uncaught 'error' event.
        // The exit handler already reports the worker's end, so the write error adds nothing.
        child.send(m as never, undefined, undefined, () => undefined);
      }
    },
    onMessage: (cb) => child.on('message', cb),
    onExit: (cb) => child.on('exit', (code) => cb(code)),
    kill: () => {
      child.kill('SIGKILL');
    },
  };
};

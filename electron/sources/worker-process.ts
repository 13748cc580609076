import { fork } from 'node:child_process';

/** A child process we can message and kill: a Node fork here, an Electron utilityProcess in the app. */
export interface WorkerProcess {
  send(message: unknown): void;
  onMessage(cb: (message: unknown) => void): void;
  onExit(cb: (code: number | null) => void): void;
  kill(): void;
}

/** Starts a worker script; injected so the Electron shell can use utilityProcess instead of fork. */
export type SpawnWorker = (script: string) => WorkerProcess;

/** Spawns a worker with Node's fork and structured-clone messages (bigints and buffers survive). */
export const spawnNodeWorker: SpawnWorker = (script) => {
  const child = fork(script, [], {
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [],
  });
  return {
    send: (m) => {
      if (child.connected) {
        child.send(m as never);
      }
    },
    onMessage: (cb) => child.on('message', cb),
    onExit: (cb) => child.on('exit', (code) => cb(code)),
    kill: () => {
      child.kill('SIGKILL');
    },
  };
};

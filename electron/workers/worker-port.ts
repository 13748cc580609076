/**
 * The worker's end of the channel to its parent (worker-host.ts holds the other end): Electron's
 * `process.parentPort` in a utility process, Node's IPC channel in a fork.
 */
import type { ApiError } from '../../shared/api/result';
import type { WorkerEnvelope, WorkerMessage } from './worker-messages';

interface ParentPort {
  on(event: 'message', cb: (e: { data: unknown }) => void): void;
  postMessage(m: unknown): void;
}

const electronPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

/** Sends one message to the parent over whichever channel this process has. */
export function postToParent(m: WorkerMessage): void {
  if (electronPort) {
    electronPort.postMessage(m);
  } else if (process.send) {
    process.send(m);
  }
}

/**
 * Answers the parent's requests with `run`, each with its result or, when it throws, the error
 * `toError` makes of it; then tells the parent it is ready. A fork exits when its parent goes.
 */
export function serveRequests<Request>(run: (id: number, request: Request) => unknown, toError: (e: unknown) => ApiError): void {
  const onMessage = (data: unknown): void => {
    const env = data as WorkerEnvelope<Request>;
    try {
      postToParent({ id: env.id, kind: 'result', value: run(env.id, env.request) });
    } catch (e) {
      postToParent({ id: env.id, kind: 'error', error: toError(e) });
    }
  };
  if (electronPort) {
    electronPort.on('message', (e) => onMessage(e.data));
  } else {
    process.on('message', onMessage);
    process.on('disconnect', () => process.exit(0));
  }
  postToParent({ id: 0, kind: 'ready' });
}

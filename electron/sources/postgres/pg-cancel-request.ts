import type { PgTarget } from './connection-url';
import { loadPg } from './pg-client-config';

/** After a cancel request, how long a statement may keep running before the socket is cut. */
export const CANCEL_GRACE_MS = 2_000;

interface CancelConnection {
  connect(portOrPath: number | string, host?: string): void;
  cancel(pid: number, key: number): void;
  on(event: string, cb: (...args: unknown[]) => void): void;
  stream: { destroy(): void };
}

/**
 * Sends a protocol CancelRequest (backend pid + secret key) on a new short-lived connection. It
 * needs no login, so it works even when the session's password is gone; it is best-effort, which
 * is why `cancel()` also cuts the socket if the statement outlives the grace period.
 */
export async function sendCancelRequest(target: PgTarget, pid: number, key: number): Promise<void> {
  const lib = await loadPg();
  return new Promise((resolve) => {
    const con = new lib.Connection() as unknown as CancelConnection;
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      con.stream.destroy();
      resolve();
    }, CANCEL_GRACE_MS);
    con.on('connect', () => con.cancel(pid, key));
    con.on('end', done);
    con.on('error', done);
    if (target.host.startsWith('/')) {
      con.connect(`${target.host}/.s.PGSQL.${target.port}`);
    } else {
      con.connect(target.port, target.host);
    }
  });
}

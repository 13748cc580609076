import fs from 'node:fs';

/** Something to sleep on: allocated once, as a SharedArrayBuffer per write was a measured leak. */
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes the whole buffer with blocking calls, waiting out EAGAIN: standard output shared with
 * the parent can be a non-blocking pipe. Other errors (EPIPE, ENOSPC) are thrown as they are;
 * `stopped` ends the wait early when the export is being torn down.
 */
export function writeFully(fd: number, buf: Buffer, stopped: () => boolean = () => false): void {
  let off = 0;
  while (off < buf.length) {
    try {
      off += fs.writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN' || stopped()) {
        throw e;
      }
      Atomics.wait(pause, 0, 0, 2);
    }
  }
}

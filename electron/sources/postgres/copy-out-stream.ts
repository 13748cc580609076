import { Readable } from 'node:stream';
import type pg from 'pg';
import { COPY_CODES, CopyDataParser } from './copy-data-parser';

/**
 * `COPY … TO STDOUT` as a byte stream: a node-postgres Submittable that takes over the socket
 * from the client's parser once the query is sent, hands the CopyData payloads on, and gives the
 * socket back at CopyDone or an error (the client then reports CommandComplete or the error to
 * this query, as for any other). The same protocol dance as pg-copy-streams' `to()`, with a
 * parser that does not allocate per row (copy-data-parser.ts).
 */
export class CopyOutStream extends Readable {
  /** Rows the server reported in `COPY n` (null until the command completes). */
  public rowCount: number | null = null;
  private readonly parser = new CopyDataParser();
  private connection: pg.Connection | null = null;
  private pgDataHandler: ((chunk: Buffer) => void) | null = null;
  private readonly onReadable = (): void => this.forward();
  private wanted = false;
  private forwarding = false;
  private attached = false;

  public constructor(public readonly text: string) {
    super({ highWaterMark: 1 << 20 });
  }

  /** Called by node-postgres when the query reaches the front of the client's queue. */
  public submit(connection: pg.Connection): void {
    this.connection = connection;
    const socket = connection.stream;
    const handlers = socket.listeners('data');
    if (handlers.length !== 1) {
      throw new Error(`COPY expected one data listener on the socket, found ${handlers.length}.`);
    }
    this.pgDataHandler = handlers[0] as (chunk: Buffer) => void;
    socket.removeListener('data', this.pgDataHandler);
    socket.pause();
    this.attached = true;
    socket.on('readable', this.onReadable);
    connection.query(this.text);
  }

  public override _read(): void {
    this.wanted = true;
    this.forward();
  }

  /** node-postgres: the server's error, for this query. */
  public handleError(e: Error): void {
    this.destroy(e);
  }

  /** node-postgres: `COPY n` ends the command. */
  public handleCommandComplete(msg: { text?: string } | undefined): void {
    const m = /COPY (\d+)/.exec(msg?.text ?? '');
    if (m) {
      this.rowCount = Number(m[1]);
    }
  }

  /** node-postgres: the session is idle again; nothing to do. */
  public handleReadyForQuery(): void {}

  private forward(): void {
    const socket = this.connection?.stream;
    if (!socket || !this.attached || this.forwarding) {
      return;
    }
    this.forwarding = true;
    let chunk: Buffer | null;
    while (this.wanted && this.attached && (chunk = socket.read() as Buffer | null) !== null) {
      const { data, rest } = this.parser.feed(chunk);
      if (data) {
        this.wanted = this.push(data);
      }
      if (rest) {
        this.detach(rest);
        // An error reaches this query through the client (handleError); anything else ends the copy.
        if (rest[0] !== COPY_CODES.ERROR_RESPONSE) {
          this.push(null);
        }
      }
    }
    this.forwarding = false;
  }

  /** Gives the socket back to the client's parser, starting with the bytes the copy did not use. */
  private detach(rest: Buffer): void {
    const socket = this.connection?.stream;
    const handler = this.pgDataHandler;
    if (!socket || !handler) {
      return;
    }
    this.attached = false;
    socket.removeListener('readable', this.onReadable);
    socket.addListener('data', handler);
    handler(rest);
    // Adding a data listener resumes the socket, but the handler above may have paused it again.
    process.nextTick(() => socket.resume());
  }
}

/**
 * Files the OS hands the main process while the window runs (a second `auditlens FILE`, macOS
 * open-file). Main keeps the checked path and sends the window only a ticket; the window opens
 * it with `stores.openTicket`, through its usual progress and error display. A ticket is random,
 * single-use and short-lived, so the page never names a path and cannot replay one.
 */
import crypto from 'node:crypto';

/** Unused tickets kept at most; the oldest goes first. */
const MAX_PENDING = 16;
/** A ticket's life: long enough for a busy window, short enough not to linger. */
const TTL_MS = 10 * 60_000;

/** Paths waiting to be opened, by ticket. */
export class ShellTickets {
  private readonly pending = new Map<string, { readonly path: string; readonly at: number }>();

  public constructor(private readonly now: () => number = Date.now) {}

  /** Keeps `path` and returns its ticket. */
  public issue(path: string): string {
    const ticket = crypto.randomBytes(16).toString('hex');
    this.pending.set(ticket, { path, at: this.now() });
    while (this.pending.size > MAX_PENDING) {
      this.pending.delete(this.pending.keys().next().value as string);
    }
    return ticket;
  }

  /** The path of a live ticket, once; null for an unknown, used or expired one. */
  public take(ticket: string): string | null {
    const entry = this.pending.get(ticket);
    this.pending.delete(ticket);
    return entry && this.now() - entry.at <= TTL_MS ? entry.path : null;
  }
}

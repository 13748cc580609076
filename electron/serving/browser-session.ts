/**
 * Browser mode's two ways in after the first load: a per-launch session cookie (so F5 keeps the
 * session once the token has been taken out of the address bar) and one-time download ids (so a
 * download link never carries the token into the browser's history).
 */
import crypto from 'node:crypto';

/** How long a minted download id may wait for its one use. */
export const DOWNLOAD_TICKET_MS = 60_000;
/** Most unused download ids kept at once; the oldest go first. */
const MAX_TICKETS = 200;

/** Constant-time equality of two secrets given as text (false when either is empty). */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length > 0 && a.length === b.length && crypto.timingSafeEqual(a, b);
}

/**
 * The cookie's name. Cookies are not kept apart by port, so two servers on 127.0.0.1 would
 * overwrite each other's cookie under one name; the port in the name keeps them apart.
 */
export function sessionCookieName(port: number): string {
  return `auditlens_session_${port}`;
}

/**
 * The `Set-Cookie` value: HttpOnly (no script reads it), SameSite=Strict (no other site's page
 * sends it), Path=/ and no Domain (only this host), no Max-Age (gone when the browser closes).
 */
export function sessionCookieHeader(port: number, secret: string): string {
  return `${sessionCookieName(port)}=${secret}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The value of one cookie in a `Cookie` request header, or '' when it is not there. */
export function cookieValue(header: string | undefined, name: string): string {
  if (header === undefined) {
    return '';
  }
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      return part.slice(eq + 1).trim();
    }
  }
  return '';
}

/**
 * True when the browser says the request comes from our own page, or from the user typing the
 * address (`none`). Another port of 127.0.0.1 is "same-site" and would get the cookie sent; its
 * requests say `same-site` here and are refused. Old clients without the header pass: the Host
 * and Origin checks still hold for them.
 */
export function fromOwnPage(secFetchSite: string | string[] | undefined): boolean {
  return secFetchSite === undefined || secFetchSite === 'same-origin' || secFetchSite === 'none';
}

/** What a download id stands for. */
export interface DownloadTicket {
  readonly jobId: string;
  readonly part: 'csv' | 'provenance';
}

/** Single-use, short-lived download ids, minted by an authorised request and redeemed once. */
export class DownloadTickets {
  private readonly tickets = new Map<string, DownloadTicket & { readonly expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A fresh random id for a job's file. */
  mint(ticket: DownloadTicket): string {
    this.sweep();
    const id = crypto.randomBytes(24).toString('base64url');
    this.tickets.set(id, { ...ticket, expires: this.now() + DOWNLOAD_TICKET_MS });
    while (this.tickets.size > MAX_TICKETS) {
      const oldest = this.tickets.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.tickets.delete(oldest);
    }
    return id;
  }

  /** What an id stands for, once: the id is gone afterwards, and an expired one is refused. */
  redeem(id: string): DownloadTicket | null {
    const found = this.tickets.get(id);
    this.tickets.delete(id);
    if (!found || found.expires <= this.now()) {
      return null;
    }
    return { jobId: found.jobId, part: found.part };
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, t] of this.tickets) {
      if (t.expires <= now) {
        this.tickets.delete(id);
      }
    }
  }
}

/** The job and part of a download-id request body, or null when it is not one. */
export function parseTicketRequest(body: string): DownloadTicket | null {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) {
    return null;
  }
  const { jobId, part } = value as { jobId?: unknown; part?: unknown };
  if (typeof jobId !== 'string' || !/^[0-9a-f-]{36}$/.test(jobId)) {
    return null;
  }
  if (part !== undefined && part !== 'csv' && part !== 'provenance') {
    return null;
  }
  return { jobId, part: part ?? 'csv' };
}

/**
 * The view link the page was loaded with (`?_path=…&_mode=…`), read once at start-up and handed
 * to the first explorer of the store it names, so a reload or a pasted link lands on that view.
 */
import type { DecodedLink, StoreLink, ViewLink } from './view-link-codec';
import { decodeViewLink } from './view-link-decode';

let pending: DecodedLink | null = null;
/** The link already handed to an explorer, by store id: a second mount of the same explorer (StrictMode) gets it again. */
let handed: { readonly storeId: string; readonly link: ViewLink } | null = null;

/** Reads the link from the page's address; call once, before the app renders. */
export function captureViewLink(search: string): void {
  pending = search === '' || search === '?' ? null : decodeViewLink(search);
  handed = null;
}

/** The store the start-up link names, if any, and what could not be read of the link. */
export function linkedStore(): { readonly store: StoreLink | null; readonly problems: readonly string[] } {
  return { store: pending?.link.store ?? null, problems: pending?.problems ?? [] };
}

/** Forgets the start-up link (its store could not be opened): the next store opens as usual. */
export function dropPendingLink(): void {
  pending = null;
}

/**
 * True when two Postgres URLs name the same database as the same user: the store's location says
 * `?sslmode=…` and the default port, a saved connection's URL may not.
 */
export function samePostgres(a: string, b: string): boolean {
  const key = (url: string): string | null => {
    try {
      const u = new URL(url);
      return JSON.stringify([decodeURIComponent(u.username), u.hostname.toLowerCase(), u.port === '' ? '5432' : u.port, decodeURIComponent(u.pathname)]);
    } catch {
      return null;
    }
  };
  const ka = key(a);
  return ka !== null && ka === key(b);
}

/**
 * The start-up link for an explorer of this store, once: when the link names no store, or names
 * this one (by path, or Postgres URL). Any other store opens on its default view.
 */
export function takeLinkFor(storeId: string, location: string): ViewLink | null {
  if (handed?.storeId === storeId) {
    return handed.link;
  }
  const link = pending?.link;
  if (!link) {
    return null;
  }
  const s = link.store;
  const matches = s === undefined || (s.kind === 'path' && s.path === location) || (s.kind === 'postgres' && samePostgres(s.url, location)) || s.kind === 'saved';
  if (!matches) {
    return null;
  }
  pending = null;
  handed = { storeId, link };
  return link;
}

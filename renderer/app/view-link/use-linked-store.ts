/**
 * Opens the store a start-up view link names (a reload, a bookmark, a pasted link), once the app
 * knows what is already open. A store opened before under that path is reopened as a recent one
 * (Electron takes no typed paths); a Postgres link never carries a password, so it opens through
 * the saved connection with that address, or asks the user to connect.
 */
import { useEffect, useRef } from 'react';
import type { AppInfo, StoreSummary } from '../../../shared/api/contract';
import type { ApiError, Result } from '../../../shared/api/result';
import { call } from '../api-client';
import { dropPendingLink, linkedStore, samePostgres } from './pending-link';
import type { StoreLink } from './view-link-codec';

/** How the shell opens a store with its progress card and error reporting. */
export type OpenWith = (label: string, where: string, run: (requestId: string) => Promise<Result<StoreSummary>>) => Promise<void>;

/** True when the start-up link names a store to open (the shell then skips "reopen last store"). */
export function hasLinkedStore(): boolean {
  return linkedStore().store !== null;
}

/** Opens the linked store once `info` has come; reports what could not be read of the link. */
export function useLinkedStore(info: AppInfo | null, openWith: OpenWith, report: (e: ApiError, where: string) => void): void {
  const done = useRef(false);
  useEffect(() => {
    if (done.current || !info) {
      return;
    }
    done.current = true;
    const { store, problems } = linkedStore();
    for (const p of problems) {
      report({ code: 'bad-input', message: p }, 'Reading the link');
    }
    const initial = info.initialStore?.source;
    if (store === null || (initial && sameStore(store, initial.location))) {
      return;
    }
    void openLinked(store, info.mode, openWith, report);
  }, [info, openWith, report]);
}

function sameStore(link: StoreLink, location: string): boolean {
  return (link.kind === 'path' && link.path === location) || (link.kind === 'postgres' && samePostgres(link.url, location));
}

async function openLinked(store: StoreLink, mode: AppInfo['mode'], openWith: OpenWith, report: (e: ApiError, where: string) => void): Promise<void> {
  const where = 'Opening the linked store';
  if (store.kind === 'path') {
    const recent = await call('stores.recent', {});
    const known = recent.ok ? recent.value.find((r) => r.location === store.path) : undefined;
    if (!known && mode === 'electron') {
      // The desktop app opens only files the user chose: a link cannot make it open a new path.
      // Kept pending: opening that file with File → Open… then lands on the linked view.
      report({ code: 'unsupported', message: `The link names ${store.path}, which Auditlens has not opened on this computer; open it with File → Open…, and the linked view opens.` }, where);
      return;
    }
    await openWith(known?.title ?? store.path, where, (requestId) => (known
      ? call('stores.openRecent', { id: known.id, requestId })
      : call('stores.openPath', { path: store.path, requestId })));
    return;
  }
  const list = await call('connections.list', {});
  const saved = list.ok
    ? list.value.connections.find((c) => (store.kind === 'saved' ? c.id === store.id : samePostgres(c.url, store.url)))
    : undefined;
  if (saved) {
    await openWith(saved.name, where, () => call('connections.open', { id: saved.id }));
    return;
  }
  if (store.kind === 'saved') {
    dropPendingLink();
    report({ code: 'not-found', message: 'The link names a saved Postgres connection this Auditlens does not have.' }, where);
    return;
  }
  // Kept pending: connecting to this address by hand then lands on the linked view.
  report({ code: 'unsupported', message: `The link names the Postgres database ${store.url}. Links never carry passwords: connect to it with “Connect to Postgres…”, and the linked view opens.` }, where);
}

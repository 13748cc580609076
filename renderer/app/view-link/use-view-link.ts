/**
 * The explorer's view in the address bar: the link the page was loaded with seeds the explorer's
 * kept state once the store's formats are known (so no view mounts with its defaults and then
 * jumps), and every change the user makes is written back to the URL (history.replaceState: no
 * reload, no new history entry).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { LINEAGE_SESSION } from '../../features/lineage/lineage-mode';
import { RUNS_SESSION } from '../../features/runs/runs-mode';
import { rememberedFormat, sessionFor } from '../../features/runs/runs-session';
import { TABLES } from '../../features/tables/tables-mode';
import { useReportError } from '../error-context';
import type { ModeId } from '../explorer/explorer-modes';
import type { KeptSeed, KeptSlot } from '../kept-state';
import { useKeptState } from '../kept-state';
import { useOpenStore } from '../store-context';
import { takeLinkFor } from './pending-link';
import { encodeViewLink } from './view-link-codec';
import { linkOfState, restoreFromLink } from './view-link-state';

/** What the explorer starts from: the linked mode and the kept state the link sets. */
export interface LinkStart {
  readonly mode: ModeId | null;
  readonly seed: KeptSeed;
}

const NO_LINK: LinkStart = { mode: null, seed: new Map() };
/**
 * Writes wait this long for the next change: arrowing through the grid changes the selected run
 * many times a second, and Chromium ignores replaceState beyond about 200 calls in 10 s.
 */
const WRITE_DELAY_MS = 120;

/** The start the page's link asks for this store; undefined while the store's formats are still coming. */
export function useLinkStart(): LinkStart | undefined {
  const { storeId, location, formats } = useOpenStore();
  const report = useReportError();
  const [link] = useState(() => takeLinkFor(storeId, location));
  const restored = useMemo(() => (link === null || formats === null ? null : restoreFromLink(link, storeId, formats)), [link, formats, storeId]);
  const told = useRef(false);
  useEffect(() => {
    if (restored && !told.current) {
      told.current = true;
      for (const p of restored.problems) {
        report({ code: 'bad-input', message: p }, 'Opening the linked view');
      }
    }
  }, [restored, report]);
  if (link === null) {
    return NO_LINK;
  }
  if (restored === null) {
    return undefined;
  }
  const seed = new Map<KeptSlot<unknown>, unknown>();
  if (restored.runs) {
    seed.set(RUNS_SESSION, restored.runs);
  }
  if (restored.lineage) {
    seed.set(LINEAGE_SESSION, restored.lineage);
  }
  if (restored.tables) {
    seed.set(TABLES, restored.tables);
  }
  return { mode: restored.mode, seed };
}

/** Writes what the explorer shows into the address bar as the user changes it. */
export function useViewLinkWriter(mode: ModeId): void {
  const { storeId, location, kind, formats } = useOpenStore();
  const [runs] = useKeptState(RUNS_SESSION);
  const [lineage] = useKeptState(LINEAGE_SESSION);
  const [tables] = useKeptState(TABLES);
  useEffect(() => {
    const query = encodeViewLink(linkOfState({
      location, kind, mode, formats: formats ?? [], rememberedFormat: rememberedFormat(location),
      runs: sessionFor(runs, storeId), lineage, tables,
    }));
    const timer = setTimeout(() => replaceQuery(query), WRITE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [location, kind, mode, formats, runs, storeId, lineage, tables]);
  // Closing the store leaves the start screen's plain address.
  useEffect(() => () => replaceQuery(''), []);
}

/** Puts a query into the address without a reload or a new history entry. */
function replaceQuery(query: string): void {
  const { pathname, hash, search } = window.location;
  const next = query === '' ? '' : `?${query}`;
  if (next !== search) {
    window.history.replaceState(window.history.state, '', `${pathname}${next}${hash}`);
  }
}

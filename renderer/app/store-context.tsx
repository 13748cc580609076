/**
 * The open store, for every view under the explorer: which store (id, title, location, kind),
 * its catalog with the bounded row counts, and the audit formats found in it. Loaded once per
 * open store here, so views read it instead of passing `storeId` down through every component.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { FormatSummary, StoreSummary } from '../../shared/api/contract';
import type { Catalog, RowCount, SourceKind } from '../../shared/model/catalog';
import { useApiCall } from './use-api-call';

/** Row counts by table label; null for a table whose count failed. */
export type RowCounts = Readonly<Record<string, RowCount | null>>;

/** What the views know about the open store. */
export interface OpenStore {
  readonly storeId: string;
  readonly title: string;
  /** File path, folder path or a connection URL without its password. */
  readonly location: string;
  readonly kind: SourceKind;
  /** Set when the login could change the store (Postgres superuser or write grants). */
  readonly writeWarning: string | null;
  /** The store's tables and load problems; null while loading, and after a failure (`catalogFailed`). */
  readonly catalog: Catalog | null;
  readonly catalogFailed: boolean;
  /** Rows per table, counted within a small budget after the catalog; null while counting. */
  readonly rowCounts: RowCounts | null;
  /** The audit formats found in the store: null while first loading, empty when none or failed. */
  readonly formats: readonly FormatSummary[] | null;
  readonly formatsFailed: boolean;
  /** Asks for the formats again (after a mapping is saved, imported or removed); the list stays until the new one comes. */
  readonly reloadFormats: () => void;
}

/** Provided by the explorer for the store it shows. */
export const StoreContext = createContext<OpenStore | null>(null);

/** What the sidebar shows when the counts failed: no count, rather than "counting" for ever. */
const NO_COUNTS: RowCounts = {};
/** What the runs mode shows when the formats could not be read: none, with `formatsFailed` saying why. */
const NO_FORMATS: readonly FormatSummary[] = [];

/**
 * Loads and provides the open store. The row counts come after the catalog because they cost a
 * scan per table, and the sidebar is useful before they arrive.
 */
export function StoreProvider({ summary, children }: { readonly summary: StoreSummary; readonly children: ReactNode }) {
  const { storeId, source, writeWarning } = summary;
  const catalog = useApiCall('catalog.get', { storeId }, { report: 'Reading the list of tables' });
  const counts = useApiCall('catalog.rowCounts', catalog.value ? { storeId, budgetMs: 250 } : null, { report: 'Counting rows per table' });
  const formats = useApiCall('formats.list', { storeId }, { report: 'Looking for audit formats' });
  const store = useMemo<OpenStore>(() => ({
    storeId,
    title: source.title,
    location: source.location,
    kind: source.kind,
    writeWarning: writeWarning ?? null,
    catalog: catalog.value,
    catalogFailed: catalog.error !== null,
    rowCounts: counts.error ? NO_COUNTS : counts.value,
    formats: formats.error ? NO_FORMATS : formats.value,
    formatsFailed: formats.error !== null,
    reloadFormats: formats.reload,
  }), [storeId, source, writeWarning, catalog.value, catalog.error, counts.value, counts.error, formats.value, formats.error, formats.reload]);
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The open store; only views inside the explorer ask for it. */
export function useOpenStore(): OpenStore {
  const store = useContext(StoreContext);
  if (store === null) {
    throw new Error('useOpenStore is used outside an open store (no StoreProvider above it).');
  }
  return store;
}

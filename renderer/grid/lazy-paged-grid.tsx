import { lazy, Suspense } from 'react';
import type { PagedGridProps } from './paged-grid';

// AG Grid is most of the renderer's code: it loads with its own chunk when a grid first shows.
const PagedGridChunk = lazy(() => import('./paged-grid').then((m) => ({ default: m.PagedGrid })));

/** The paged grid, loaded on first use, with a placeholder where it will be until then. */
export function LazyPagedGrid(props: PagedGridProps) {
  return (
    <Suspense fallback={<div className="grid-host muted grid-loading">Loading the grid…</div>}>
      <PagedGridChunk {...props} />
    </Suspense>
  );
}

/**
 * The facets beside the runs grid (Datasette's facets, DbGate-dense): status, name, actor and
 * day with their counts under the other filters. Clicking a value toggles it in an `in` filter;
 * "…more" lists up to the contract's maximum. Values are rendered as text only.
 */
import { useState, type ReactNode, type Ref } from 'react';
import type { RunFacets, ValueCounts } from '../../../shared/api/contract';
import type { ColumnFilter } from '../../../shared/model/view-request';
import { formatInt } from '../../components/format';
import type { FilterValue } from '../../grid/filter-form';
import type { FacetColumn, FacetRow } from './facet-filters';
import { RUN_FACETS, facetRows, facetSelection, facetText, visibleFacetRows } from './facet-filters';
import { StatusPill } from './status-pill';
import { FACET_LIMIT_MORE } from './use-run-facets';

/** The facet panel of the runs view. */
export function FacetsPanel({ facets, loading, failed, filters, limit, onToggle, onMore, searchRef, collapsed, onCollapsedChange, quickRanges }: {
  readonly facets: RunFacets | null;
  readonly loading: boolean;
  /** The last load failed (the error bar says why): no counts are shown rather than another query's. */
  readonly failed: boolean;
  readonly filters: readonly ColumnFilter[];
  readonly limit: number;
  readonly onToggle: (column: FacetColumn, value: FilterValue) => void;
  readonly onMore: () => void;
  /** The first facet search box, focused by `/`. */
  readonly searchRef: Ref<HTMLInputElement>;
  /** Folded to a thin strip, leaving the grid the width of a laptop screen. */
  readonly collapsed: boolean;
  readonly onCollapsedChange: (collapsed: boolean) => void;
  /** Quick time ranges, above the facets. */
  readonly quickRanges?: ReactNode;
}) {
  // `/` focuses the first facet that has a search box (status has five values and needs none).
  const firstSearchable = RUN_FACETS.find((f) => f.column !== 'status')?.column;
  const picked = filters.filter((f) => RUN_FACETS.some((r) => r.column === f.column)).length;
  if (collapsed) {
    return (
      <aside className="facets collapsed" data-testid="facets" data-collapsed="true" aria-label="Facets (folded)" aria-busy={loading}>
        <button type="button" className="facets-fold" data-testid="facets-toggle" aria-expanded={false} title="Show the facets" onClick={() => onCollapsedChange(false)}>
          <span aria-hidden="true">»</span>
          <span className="facets-fold-label">Facets{picked > 0 ? ` · ${picked}` : ''}</span>
        </button>
      </aside>
    );
  }
  return (
    <aside className={`facets${loading ? ' loading' : ''}`} data-testid="facets" data-collapsed="false" aria-label="Facets" aria-busy={loading}>
      <button type="button" className="facets-fold open" data-testid="facets-toggle" aria-expanded title="Fold the facets away (the grid gets their width)" onClick={() => onCollapsedChange(true)}>
        <span aria-hidden="true">«</span>
      </button>
      {quickRanges}
      {RUN_FACETS.map(({ column, title }) => {
        const searchable = column !== 'status';
        return (
          <FacetSection
            key={column}
            column={column}
            title={title}
            counts={facets ? facets[column] : null}
            failed={failed}
            picked={facetSelection(filters, column)}
            searchable={searchable}
            searchRef={column === firstSearchable ? searchRef : undefined}
            canMore={limit < FACET_LIMIT_MORE}
            onToggle={(v) => onToggle(column, v)}
            onMore={onMore}
          />
        );
      })}
    </aside>
  );
}

function FacetSection({ column, title, counts, failed, picked, searchable, searchRef, canMore, onToggle, onMore }: {
  readonly column: FacetColumn;
  readonly title: string;
  readonly counts: ValueCounts | null;
  readonly failed: boolean;
  readonly picked: readonly FilterValue[];
  readonly searchable: boolean;
  readonly searchRef: Ref<HTMLInputElement> | undefined;
  readonly canMore: boolean;
  readonly onToggle: (value: FilterValue) => void;
  readonly onMore: () => void;
}) {
  const [needle, setNeedle] = useState('');
  const [expanded, setExpanded] = useState(false);
  const rows = facetRows(column, counts, picked, needle);
  // A search looks through every listed value; without one, the first few are enough.
  const { shown, hidden } = visibleFacetRows(rows, expanded || needle !== '');
  const max = Math.max(1, ...rows.map((r) => r.count ?? 0));
  const serverHasMore = counts !== null && !counts.complete;
  return (
    <section className="facet" data-testid="facet" data-facet={column}>
      <header className="facet-head">
        <span className="facet-title">{title}</span>
        {picked.length > 0 && <span className="facet-picked">{picked.length} picked</span>}
      </header>
      {searchable && (
        <input
          ref={searchRef}
          type="search"
          className="facet-search"
          data-testid="facet-search"
          placeholder={`Filter ${title.toLowerCase()}s`}
          aria-label={`Filter the listed ${title.toLowerCase()} values`}
          value={needle}
          onChange={(e) => setNeedle(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && needle !== '') {
              e.stopPropagation();
              setNeedle('');
            }
          }}
        />
      )}
      {counts === null ? (
        <p className="muted facet-note" data-testid="facet-note">{failed ? 'Counts unavailable.' : 'Counting…'}</p>
      ) : rows.length === 0 ? (
        <p className="muted facet-note">{needle === '' ? 'No values.' : 'No listed value matches.'}</p>
      ) : (
        <ul className="facet-values">
          {shown.map((r, i) => <FacetValue key={i} column={column} row={r} max={max} onToggle={onToggle} />)}
        </ul>
      )}
      {(hidden > 0 || (serverHasMore && canMore)) && (
        <button
          type="button"
          className="link-button facet-more"
          data-testid="facet-more"
          title={hidden > 0 ? `Show ${hidden} more listed values` : 'List more values (up to 200)'}
          onClick={() => {
            setExpanded(true);
            if (hidden === 0) {
              onMore();
            }
          }}
        >
          …more
        </button>
      )}
      {hidden === 0 && serverHasMore && !canMore && (
        <p className="muted facet-note">The top {formatInt(counts.values.length)} are listed; filter the column for others.</p>
      )}
    </section>
  );
}

function FacetValue({ column, row, max, onToggle }: {
  readonly column: FacetColumn;
  readonly row: FacetRow;
  readonly max: number;
  readonly onToggle: (value: FilterValue) => void;
}) {
  const text = facetText(row.value);
  const { filterValue } = row;
  const share = row.count === null ? 0 : Math.round((row.count / max) * 100);
  return (
    <li>
      <button
        type="button"
        className={`facet-value${row.selected ? ' selected' : ''}`}
        data-testid="facet-value"
        data-value={text}
        aria-pressed={row.selected}
        disabled={filterValue === undefined}
        title={`${text}: ${row.count === null ? 'picked' : `${formatInt(row.count)} runs`}${row.selected ? ' (click to remove)' : ''}`}
        onClick={() => filterValue !== undefined && onToggle(filterValue)}
      >
        <span className="facet-check" aria-hidden="true">{row.selected ? '✓' : ''}</span>
        {column === 'status' ? (
          <span className="facet-text"><StatusPill status={row.value} /></span>
        ) : (
          <span className={`facet-text${row.value === null || row.value === '' ? ' null' : ''}`}>{text}</span>
        )}
        <span className="facet-count">{row.count === null ? '–' : formatInt(row.count)}</span>
        <span className="facet-bar" style={{ width: `${share}%` }} aria-hidden="true" />
      </button>
    </li>
  );
}

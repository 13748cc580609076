import { useMemo, useState } from 'react';
import type { TableInfo } from '../../../shared/model/catalog';
import { tableLabel } from '../../../shared/model/catalog';
import { formatRowCount } from '../../components/format';
import type { RowCounts } from '../../app/store-context';
import { ViewCountButton } from './view-count-button';
import { tableKey } from './view-state';

/** The list of tables and views, each with its row count, narrowed by a name filter. */
export function TableSidebar({ tables, counts, selected, onSelect }: {
  readonly tables: readonly TableInfo[] | null;
  readonly counts: RowCounts | null;
  readonly selected: string | null;
  readonly onSelect: (table: TableInfo) => void;
}) {
  const [needle, setNeedle] = useState('');
  const shown = useMemo(() => {
    const n = needle.trim().toLowerCase();
    return (tables ?? []).filter((t) => n === '' || tableLabel(t).toLowerCase().includes(n));
  }, [tables, needle]);

  return (
    <nav className="sidebar" aria-label="Tables">
      <div className="sidebar-head">
        <input
          type="search"
          className="sidebar-filter"
          data-testid="table-filter"
          placeholder="Filter tables"
          aria-label="Filter tables by name"
          value={needle}
          onChange={(e) => setNeedle(e.target.value)}
        />
      </div>
      {tables === null ? (
        <p className="muted sidebar-note">Reading tables…</p>
      ) : shown.length === 0 ? (
        <p className="muted sidebar-note">{tables.length === 0 ? 'This store has no tables.' : 'No table matches.'}</p>
      ) : (
        <ul className="table-list" data-testid="table-list">
          {shown.map((t) => {
            const key = tableKey(t);
            const label = tableLabel(t);
            return (
              <li key={key}>
                <button
                  type="button"
                  className={`table-item${selected === key ? ' selected' : ''}`}
                  data-testid="table-item"
                  data-table={t.name}
                  aria-current={selected === key ? 'true' : undefined}
                  title={label}
                  onClick={() => onSelect(t)}
                >
                  <span className="table-name">
                    {t.schema && <span className="table-schema">{t.schema}.</span>}
                    {t.name}
                  </span>
                  {t.kind === 'view' && <span className="badge" data-testid="view-badge">view</span>}
                  <span className="table-count">{countText(counts, label, t)}</span>
                </button>
                {t.kind === 'view' && counts !== null && !counts[label] && <ViewCountButton table={t} />}
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
}

function countText(counts: RowCounts | null, label: string, t: TableInfo): string {
  const count = counts?.[label] ?? t.rowCount;
  if (count) {
    return formatRowCount(count);
  }
  // A view is never counted unasked: counting runs its code (the button beneath asks).
  return counts === null ? '…' : t.kind === 'view' ? 'not counted' : '';
}

import { useState } from 'react';
import type { TableInfo } from '../../shared/model/catalog';
import { Popover, anchorOf, type Anchor } from '../components/popover';
import { columnTitle } from './column-label';

/** Shows or hides columns; hidden columns are left out of the query, so they are not fetched. */
export function ColumnChooser({ table, hidden, onChange, labelOf }: {
  readonly table: TableInfo;
  /** The label the grid's header gives a column; the stored name then shows beside it. */
  readonly labelOf?: (column: string) => string;
  readonly hidden: readonly string[];
  readonly onChange: (column: string, hidden: boolean) => void;
}) {
  const [anchor, setAnchor] = useState<Anchor | null>(null);
  const hiddenSet = new Set(hidden);
  const shownCount = table.columns.filter((c) => !hiddenSet.has(c.name)).length;

  return (
    <>
      <button type="button" data-testid="column-chooser" aria-haspopup="dialog" onClick={(e) => setAnchor(anchorOf(e.currentTarget))}>
        Columns {shownCount}/{table.columns.length}
      </button>
      {anchor && (
        <Popover anchor={anchor} onClose={() => setAnchor(null)} label="Columns" testId="column-chooser-popover">
          <div className="popover-title">
            <strong>Columns</strong>
            <button type="button" className="link-button" disabled={hidden.length === 0} onClick={() => hidden.forEach((c) => onChange(c, false))}>
              Show all
            </button>
          </div>
          <ul className="column-list">
            {table.columns.map((c) => {
              const isHidden = hiddenSet.has(c.name);
              // Keep at least one column: a grid without columns fetches nothing useful.
              const last = !isHidden && shownCount === 1;
              const label = labelOf?.(c.name) ?? c.name;
              return (
                <li key={c.name}>
                  <label title={`${columnTitle(label, c.name)} ${c.type}`}>
                    <input type="checkbox" data-testid="column-option" data-column={c.name} checked={!isHidden} disabled={last}
                      onChange={(e) => onChange(c.name, !e.target.checked)} />
                    <span className="column-name" data-testid="column-option-label">{label}</span>
                    <span className="muted column-stored">{label === c.name ? (c.type || c.family) : c.name}</span>
                  </label>
                </li>
              );
            })}
          </ul>
        </Popover>
      )}
    </>
  );
}

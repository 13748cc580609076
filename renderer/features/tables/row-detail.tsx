/**
 * The side panel with every column of one row. Tables fetch the whole row by its key
 * (`table.row`), so values cut in the grid show in full; views have no key, so they show the
 * cells as the grid loaded them.
 */
import { useState } from 'react';
import type { TableInfo } from '../../../shared/model/catalog';
import type { CellValue } from '../../../shared/model/values';
import { useOpenStore } from '../../app/store-context';
import { useApiCall } from '../../app/use-api-call';
import { CellValueText } from '../../components/cell-value';
import type { GridRow } from '../../grid/grid-row';
import { prettyJson } from '../../components/json-pretty';
import { WidthHandle } from '../../components/width-handle';
import { withShortcut } from '../../app/shortcuts';

/** The row detail panel. */
export function RowDetail({ table, row, rowIndex, onClose }: {
  readonly table: TableInfo;
  readonly row: GridRow;
  readonly rowIndex: number;
  readonly onClose: () => void;
}) {
  const { storeId } = useOpenStore();
  // Null until the user resizes it: then the CSS default, a share of the room (styles.css).
  const [width, setWidth] = useState<number | null>(null);
  const { value: full, loading } = useApiCall(
    'table.row',
    row.key.length > 0 ? { storeId, table: { schema: table.schema, name: table.name }, key: [...row.key] } : null,
    { report: 'Opening the row' },
  );

  const fields: readonly (readonly [string, CellValue])[] = full
    ? full.columns.map((c, i) => [c, full.row[i] ?? null] as const)
    : [...row.cells.entries()];

  return (
    <aside className="row-detail" data-testid="row-detail" aria-label="Row detail" style={width === null ? undefined : { width }}>
      <WidthHandle onWidth={setWidth} label="Width of the row detail" testId="row-detail-resize" />
      <header className="row-detail-head">
        <strong>Row {(rowIndex + 1).toLocaleString('en-US')}</strong>
        {loading && <span className="muted">loading…</span>}
        {!loading && !full && <span className="muted">{row.key.length === 0 ? 'as shown in the grid (views have no row key)' : 'as shown in the grid'}</span>}
        <span className="spacer" />
        <button type="button" className="icon-button" data-testid="row-detail-close" aria-label={withShortcut('Close the row detail', 'close')} title={withShortcut('Close', 'close')} onClick={onClose}>
          ×
        </button>
      </header>
      <dl className="row-detail-fields">
        {fields.map(([column, cell]) => (
          <div className="detail-field" key={column} data-testid="detail-field" data-column={column}>
            <dt>
              {column}
              <span className="muted"> {table.columns.find((c) => c.name === column)?.type ?? ''}</span>
            </dt>
            <dd><DetailValue cell={cell} /></dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}

function DetailValue({ cell }: { readonly cell: CellValue }) {
  const json = typeof cell === 'string' ? prettyJson(cell) : null;
  if (json !== null) {
    return <pre className="detail-json" data-testid="detail-json">{json}</pre>;
  }
  return <div className="detail-text"><CellValueText cell={cell} /></div>;
}

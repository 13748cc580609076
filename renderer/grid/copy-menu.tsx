/**
 * Copying from a grid: Ctrl+C copies the focused cell, or the selected rows (Ctrl/Shift+click
 * selects several) as CSV; a right click offers the cell and the rows as CSV, JSON or Markdown.
 * A short note says what went to the clipboard.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { CellContextMenuEvent, GridApi } from 'ag-grid-community';
import { Popover, type Anchor } from '../components/popover';
import type { CopyFormat } from './copy-format';
import { COPY_FORMATS, formatCell, formatRows } from './copy-format';
import { focusedCell, selectedRows, writeClipboard } from './grid-copy';
import type { GridRow } from './grid-row';

const FORMAT_NAMES: Readonly<Record<CopyFormat, string>> = { csv: 'CSV', json: 'JSON', markdown: 'Markdown' };

/** What a grid needs for copying: a key handler, a context-menu handler, and what to render. */
export interface GridCopy {
  /** Handles Ctrl+C (Cmd+C); true when it copied. */
  readonly onKey: (e: KeyboardEvent) => boolean;
  readonly onContextMenu: (e: CellContextMenuEvent<GridRow>) => void;
  readonly ui: ReactNode;
}

/** Copying for one grid. */
export function useGridCopy(api: GridApi<GridRow> | null): GridCopy {
  const [menu, setMenu] = useState<Anchor | null>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    if (note === null) {
      return undefined;
    }
    const t = setTimeout(() => setNote(null), 2_500);
    return () => clearTimeout(t);
  }, [note]);

  const copy = (what: 'cell' | CopyFormat): void => {
    if (!api || api.isDestroyed()) {
      return;
    }
    let text: string | null = null;
    let said = '';
    if (what === 'cell') {
      const cell = focusedCell(api);
      if (cell !== undefined) {
        text = formatCell(cell);
        said = 'Copied the cell';
      }
    } else {
      const rows = selectedRows(api);
      if (rows.rows.length > 0) {
        text = formatRows(rows, what);
        said = `Copied ${rows.rows.length} row${rows.rows.length === 1 ? '' : 's'} as ${FORMAT_NAMES[what]}`;
      }
    }
    if (text !== null) {
      const t = text;
      void writeClipboard(t).then((ok) => setNote(ok ? said : 'The clipboard is not available here'));
    }
  };

  const onKey = (e: KeyboardEvent): boolean => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || e.key.toLowerCase() !== 'c' || !api || api.isDestroyed()) {
      return false;
    }
    copy(api.getSelectedNodes().length > 1 ? 'csv' : 'cell');
    return true;
  };

  const onContextMenu = (e: CellContextMenuEvent<GridRow>): void => {
    const mouse = e.event instanceof MouseEvent ? e.event : null;
    if (!mouse || !e.node.data) {
      return;
    }
    // A right click outside the selection acts on that row, as in a file manager.
    if (!e.node.isSelected()) {
      e.node.setSelected(true, true);
    }
    if (e.rowIndex !== null) {
      e.api.setFocusedCell(e.rowIndex, e.column);
    }
    setMenu({ left: mouse.clientX, right: mouse.clientX, top: mouse.clientY, bottom: mouse.clientY });
  };

  const count = api && !api.isDestroyed() ? api.getSelectedNodes().length : 0;
  const ui = (
    <>
      {menu && (
        <Popover anchor={menu} onClose={() => setMenu(null)} label="Copy" testId="copy-menu" className="copy-menu">
          <button type="button" className="menu-item" data-testid="copy-cell" onClick={() => { copy('cell'); setMenu(null); }}>Copy cell <kbd>Ctrl+C</kbd></button>
          {COPY_FORMATS.map((f) => (
            <button key={f} type="button" className="menu-item" data-testid={`copy-rows-${f}`} onClick={() => { copy(f); setMenu(null); }}>
              Copy {count === 1 ? 'row' : `${count} rows`} as {FORMAT_NAMES[f]}
            </button>
          ))}
        </Popover>
      )}
      {note && <div className="copy-note" role="status" data-testid="copy-note">{note}</div>}
    </>
  );
  return { onKey, onContextMenu, ui };
}

/**
 * Values in the runs grid that lead to other runs: a column that refers to the runs table itself
 * (declared or guessed, e.g. parent_session_id → the parent session) and an `…_id` part of a run
 * key of several columns (invocation_id → the runs of that invocation). Clicking one filters the
 * runs to what it names.
 */
import type { ColDef } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { Catalog, TableInfo } from '../../../shared/model/catalog';
import { relatedColumns } from '../../../shared/model/related-columns';
import type { CellValue } from '../../../shared/model/values';
import { cellToText } from '../../../shared/model/values';
import type { GridRow } from '../../grid/grid-row';
import { cellDisplay } from '../../grid/grid-row';

/** For each runs-view column that links: the runs-view column a click filters on. */
export function runLinks(runsTable: TableInfo, catalog: Catalog): ReadonlyMap<string, string> {
  const own = (c: string): string => `${runsTable.name}.${c}`;
  const out = new Map<string, string>();
  for (const [column, related] of relatedColumns(runsTable, catalog)) {
    if ((related.table.schema ?? null) === (runsTable.schema ?? null) && related.table.name === runsTable.name) {
      out.set(own(column), own(related.column));
    }
  }
  if (runsTable.primaryKey.length > 1) {
    for (const c of runsTable.primaryKey.filter((k) => /_id$/i.test(k))) {
      out.set(own(c), own(c));
    }
  }
  return out;
}

/**
 * For each steps-view column that names runs: the runs-view column a click filters on. A column
 * that refers to the runs table (transformation_operation.session_id → the session), or one named
 * like an `…_id` part of the runs' key (dbt_audit_detail.invocation_id → the runs of that invocation).
 */
export function stepLinks(stepsTable: TableInfo, runsTable: TableInfo, catalog: Catalog): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const [column, related] of relatedColumns(stepsTable, catalog)) {
    if ((related.table.schema ?? null) === (runsTable.schema ?? null) && related.table.name === runsTable.name) {
      out.set(`${stepsTable.name}.${column}`, `${runsTable.name}.${related.column}`);
    }
  }
  for (const k of runsTable.primaryKey.filter((c) => /_id$/i.test(c))) {
    const step = `${stepsTable.name}.${k}`;
    if (!out.has(step) && stepsTable.columns.some((c) => c.name === k)) {
      out.set(step, `${runsTable.name}.${k}`);
    }
  }
  return out;
}

/** What a run link cell needs besides AG Grid's props. */
interface RunLinkParams {
  readonly filterColumn: string;
  readonly onOpen: (column: string, value: string | number) => void;
}

function RunLinkCell(props: CustomCellRendererProps<GridRow, CellValue> & RunLinkParams) {
  const v = props.value;
  if (v === null || v === undefined) {
    return props.data && v === null ? <span className="cell-null">NULL</span> : null;
  }
  const value = typeof v === 'number' ? v : cellToText(v);
  return (
    <button type="button" className="link-button related-link" data-testid="run-link" title={`Show the runs where ${props.filterColumn} = ${String(value)}`}
      onClick={(e) => {
        e.stopPropagation();
        props.onOpen(props.filterColumn, value);
      }}>
      {cellDisplay(v)}
    </button>
  );
}

/** The column definitions with linking columns rendered as links. */
export function withRunLinks(defs: readonly ColDef<GridRow, CellValue>[], links: ReadonlyMap<string, string>, onOpen: RunLinkParams['onOpen']): ColDef<GridRow, CellValue>[] {
  return defs.map((d) => {
    const filterColumn = d.colId === undefined ? undefined : links.get(d.colId);
    if (filterColumn === undefined || d.cellRenderer !== undefined) {
      return d;
    }
    const params: RunLinkParams = { filterColumn, onOpen };
    return { ...d, cellRenderer: RunLinkCell, cellRendererParams: params };
  });
}

/**
 * Cell renderers of the runs and steps grids. Every value is rendered as text by React: audit
 * data is hostile, and nothing here ever becomes HTML.
 */
import type { CustomCellRendererProps } from 'ag-grid-react';
import { useContext } from 'react';
import type { CellValue } from '../../../shared/model/values';
import { cellToText } from '../../../shared/model/values';
import type { GridRow } from '../../grid/grid-row';
import { StatusPill } from './status-pill';
import type { TimeZoneMode } from './time-display';
import { displayTime } from './time-display';
import { NaiveTimeContext } from './naive-time';

/** What the status cell needs besides AG Grid's props: the column holding the stored status. */
export interface StatusCellParams {
  readonly rawColumn: string;
}

/** The status column: a pill for the normalised status, the stored status beside it. */
export function StatusCell(props: CustomCellRendererProps<GridRow, CellValue> & StatusCellParams) {
  if (!props.data) {
    return null;
  }
  return <StatusPill status={props.value ?? null} raw={props.data.cells.get(props.rawColumn)} />;
}

/** What the name cell needs besides AG Grid's props: the column holding the run's id. */
export interface NameCellParams {
  readonly idColumn: string;
}

/** The run's name, with its (often long) id as the tooltip: the id column itself comes last. */
export function NameCell(props: CustomCellRendererProps<GridRow, CellValue> & NameCellParams) {
  if (!props.data) {
    return null;
  }
  const id = props.data.cells.get(props.idColumn);
  const value = props.value;
  const text = value === null || value === undefined ? 'NULL' : cellToText(value);
  return (
    <span className={value === null ? 'cell-null' : undefined} title={id === null || id === undefined ? undefined : `Run ${cellToText(id)}`} data-testid="run-name">
      {text}
    </span>
  );
}

/** What the time cell needs besides AG Grid's props. */
export interface TimeCellParams {
  readonly zone: TimeZoneMode;
}

/** A stored timestamp in the chosen zone; the tooltip tells what was stored and how it was read. */
export function TimeCell(props: CustomCellRendererProps<GridRow, CellValue> & TimeCellParams) {
  const value = props.value;
  if (value === null || value === undefined) {
    return props.data && value === null ? <span className="cell-null">NULL</span> : null;
  }
  // Milliseconds are enough to read and compare in a grid; the tooltip and the detail keep every digit.
  return <TimeText stored={cellToText(value)} zone={props.zone} maxFractionDigits={3} />;
}

/** A stored timestamp as text in the chosen zone, marked when shown as stored. */
export function TimeText({ stored, zone, maxFractionDigits }: { readonly stored: string; readonly zone: TimeZoneMode; readonly maxFractionDigits?: number }) {
  // Every value of the format is read by its one convention for times without a zone.
  const naive = useContext(NaiveTimeContext);
  const shown = displayTime(stored, zone, { maxFractionDigits, ...(naive ? { naive } : {}) });
  return (
    <span className={shown.asStored ? 'time as-stored' : 'time'} title={shown.title} data-testid="time">
      {shown.text}
    </span>
  );
}

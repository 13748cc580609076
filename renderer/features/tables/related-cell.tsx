/**
 * A cell of a column that leads to another table's row (a foreign key, declared or inferred):
 * its value as a link that opens that table filtered to the row. Rendered as text by React.
 */
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { RelatedColumn } from '../../../shared/model/related-columns';
import type { CellValue } from '../../../shared/model/values';
import { cellToText } from '../../../shared/model/values';
import type { GridRow } from '../../grid/grid-row';
import { cellDisplay } from '../../grid/grid-row';

/** What the related cell needs besides AG Grid's props. */
export interface RelatedCellParams {
  readonly related: RelatedColumn;
  readonly onOpen: (related: RelatedColumn, value: string | number) => void;
}

/** The value a filter on the related column compares with: numbers stay numbers, big integers as their digits. */
export function relatedValue(cell: CellValue): string | number | null {
  return cell === null ? null : typeof cell === 'number' ? cell : cellToText(cell);
}

/** A link to the related row; NULL stays a dim NULL (it leads nowhere). */
export function RelatedCell(props: CustomCellRendererProps<GridRow, CellValue> & RelatedCellParams) {
  const value = props.value === undefined ? undefined : relatedValue(props.value);
  if (value === undefined || value === null) {
    return props.data && value === null ? <span className="cell-null">NULL</span> : null;
  }
  const target = `${props.related.table.name}.${props.related.column}`;
  return (
    <button type="button" className="link-button related-link" data-testid="related-link" data-target={target}
      title={`Open the row of ${target} = ${String(value)}${props.related.inferred ? ' (a link guessed from the names)' : ''}`}
      onClick={(e) => {
        e.stopPropagation();
        props.onOpen(props.related, value);
      }}>
      {cellDisplay(props.value ?? null)}
    </button>
  );
}

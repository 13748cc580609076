/**
 * A cell as it crosses a transport. JSON has no bigint or bytes, so integers beyond
 * 2^53 and blobs travel as tagged objects instead of silently losing precision.
 */
export type CellValue =
  | string
  | number
  | boolean
  | null
  | { readonly t: 'int'; readonly v: string }
  | { readonly t: 'blob'; readonly hex: string; readonly size: number }
  | { readonly t: 'truncated'; readonly v: string; readonly size: number };

/** A row as an array of cells, in the order of the page's columns. */
export type Row = readonly CellValue[];

/** Renders a cell as plain text for display and for CSV; NULL becomes the empty string. */
export function cellToText(cell: CellValue): string {
  if (cell === null) {
    return '';
  }
  if (typeof cell === 'string') {
    return cell;
  }
  if (typeof cell === 'number' || typeof cell === 'boolean') {
    return String(cell);
  }
  switch (cell.t) {
    case 'int':
      return cell.v;
    case 'blob':
      return `x'${cell.hex}'${cell.size * 2 > cell.hex.length ? '…' : ''}`;
    case 'truncated':
      return `${cell.v}…`;
  }
}

/** True when the value holds nothing: NULL or the empty string. */
export function isEmptyCell(cell: CellValue): boolean {
  return cell === null || cell === '';
}

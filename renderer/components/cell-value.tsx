import type { CellValue } from '../../shared/model/values';
import { cellToText } from '../../shared/model/values';

/** A cell as text: NULL dimmed, a cut value marked with its full size. Never HTML. */
export function CellValueText({ cell }: { readonly cell: CellValue }) {
  if (cell === null) {
    return <span className="null">NULL</span>;
  }
  const text = cellToText(cell);
  if (typeof cell === 'object' && cell.t !== 'int') {
    return (
      <>
        {text}
        <span className="muted size-note"> ({cell.size.toLocaleString('en-US')} bytes{cell.t === 'truncated' ? ', cut' : ''})</span>
      </>
    );
  }
  return <>{text}</>;
}

import type { CellValue } from '../../../shared/model/values';
import { cellToText } from '../../../shared/model/values';
import { pillClass, statusClassOf } from './status-class';

/** A run's or step's status as a coloured pill, with the stored status beside it when given. */
export function StatusPill({ status, raw }: { readonly status: CellValue | undefined; readonly raw?: CellValue | undefined }) {
  const cls = statusClassOf(status);
  const rawText = raw === undefined || raw === null ? '' : cellToText(raw);
  return (
    <span className="status" data-testid="status" data-status={cls} title={rawText === '' ? cls : `${cls} (stored as ${rawText})`}>
      <span className={pillClass(cls)}>{cls}</span>
      {rawText !== '' && <span className="status-raw">{rawText}</span>}
    </span>
  );
}

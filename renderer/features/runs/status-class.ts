/**
 * The normalised status of a run or step as a coloured pill: ok green, failed red, running
 * blue, skipped grey, unknown outlined. Anything that is not a known class reads as unknown,
 * so a hostile or unexpected value never picks a class name of its own.
 */
import type { StatusClass } from '../../../shared/model/audit-model';
import { STATUS_CLASSES } from '../../../shared/model/audit-model';
import type { CellValue } from '../../../shared/model/values';

/** The status class a cell stands for; `unknown` for NULL and for anything outside the five classes. */
export function statusClassOf(cell: CellValue | undefined): StatusClass {
  return typeof cell === 'string' && (STATUS_CLASSES as readonly string[]).includes(cell) ? (cell as StatusClass) : 'unknown';
}

/** The CSS classes of a status pill. */
export function pillClass(status: StatusClass): string {
  return `status-pill status-${status}`;
}

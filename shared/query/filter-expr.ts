import { AuditlensError } from '../api/result';
import type { ColumnFilter, FilterOp } from '../model/view-request';

const OPERATORS: readonly (readonly [string, FilterOp])[] = [
  ['!=', 'neq'],
  ['>=', 'gte'],
  ['<=', 'lte'],
  ['=', 'eq'],
  ['>', 'gt'],
  ['<', 'lt'],
  ['~', 'contains'],
];

/**
 * Parses a CLI filter expression: `COL=V`, `COL!=V`, `COL>V`, `COL>=V`, `COL<V`, `COL<=V`,
 * `COL~TEXT` (contains, case-insensitive), `COL=` (is empty), `COL!=` (is not empty).
 * The operator is the first operator character, so values may contain any of them.
 */
export function parseFilterExpr(expr: string): ColumnFilter {
  for (let i = 1; i < expr.length; i++) {
    for (const [token, op] of OPERATORS) {
      if (expr.startsWith(token, i)) {
        const column = expr.slice(0, i).trim();
        const value = expr.slice(i + token.length);
        if (column === '') {
          break;
        }
        if (value === '' && op === 'eq') {
          return { column, op: 'empty' };
        }
        if (value === '' && op === 'neq') {
          return { column, op: 'notEmpty' };
        }
        return { column, op, value };
      }
    }
  }
  throw new AuditlensError(
    'bad-input',
    `"${expr}" is not a filter; write COL=VALUE, COL!=VALUE, COL>VALUE, COL>=VALUE, COL<VALUE, COL<=VALUE, COL~TEXT or COL=.`,
  );
}

/** Parses `COL` or `COL:desc` / `COL:asc` into a sort key. */
export function parseSortExpr(expr: string): { column: string; desc: boolean } {
  const m = /^(.*):(asc|desc)$/i.exec(expr);
  if (m && m[1]) {
    return { column: m[1], desc: (m[2] ?? '').toLowerCase() === 'desc' };
  }
  return { column: expr, desc: false };
}

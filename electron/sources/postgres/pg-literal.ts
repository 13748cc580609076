import { AuditlensError } from '../../../shared/api/result';

/**
 * A SQL literal for a value that must be inlined because COPY cannot take `$n` parameters.
 * Every value becomes a standard-quoted string literal (quotes doubled; the session pins
 * standard_conforming_strings=on, so backslashes are plain characters): an untyped quoted literal
 * takes its type from context exactly as an untyped `$n` does, so the inlined query means what
 * the bound one means. Numbers must be finite, bigints are written as digits, NUL is refused.
 */
export function pgLiteral(value: unknown): string {
  if (value === null || value === undefined) {
    return 'NULL';
  }
  if (typeof value === 'string') {
    if (value.includes('\0')) {
      throw new AuditlensError('bad-input', 'Postgres text cannot contain the NUL character.');
    }
    return `'${value.replace(/'/g, "''")}'`;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new AuditlensError('bad-input', `${String(value)} is not a number Postgres can compare with.`);
    }
    return `'${String(value)}'`;
  }
  if (typeof value === 'bigint') {
    return `'${value.toString()}'`;
  }
  if (typeof value === 'boolean') {
    return value ? "'true'" : "'false'";
  }
  throw new AuditlensError('bad-input', 'Only text, numbers and booleans can be used as filter values.');
}

/**
 * Replaces the `$n` placeholders of compiled SQL with `pgLiteral`s, skipping quoted identifiers
 * and string literals (a column may be named `"$1"`).
 */
export function inlineParams(sql: string, params: readonly unknown[]): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === c && sql[j + 1] !== c)) {
        j += sql[j] === c ? 2 : 1;
      }
      if (j >= sql.length) {
        throw new AuditlensError('internal', 'Compiled SQL has an unterminated quote.');
      }
      out += sql.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const m = c === '$' ? /^\$(\d+)/.exec(sql.slice(i, i + 12)) : null;
    if (m) {
      const n = Number(m[1]);
      if (n < 1 || n > params.length) {
        throw new AuditlensError('internal', `Compiled SQL refers to parameter $${n}, which was not given.`);
      }
      out += pgLiteral(params[n - 1]);
      i += m[0].length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/**
 * What Ctrl+C and "Copy as…" put on the clipboard: selected grid cells or rows, as the grid
 * shows them (headers as titled, values as formatted), in CSV, JSON or Markdown. Pure text in,
 * text out; a NULL cell is `null` in JSON, an empty CSV field, and `NULL` in Markdown as on screen.
 */

/** The formats rows can be copied in. */
export const COPY_FORMATS = ['csv', 'json', 'markdown'] as const;

/** One copy format. */
export type CopyFormat = (typeof COPY_FORMATS)[number];

/** Rows as shown: column titles and each cell's shown text (null for NULL). */
export interface ShownRows {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly (string | null)[])[];
}

/** A CSV field: quoted when it holds a delimiter, a quote, a line break or edge spaces (RFC 4180). */
function csvField(value: string | null): string {
  if (value === null) {
    return '';
  }
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A Markdown table cell: pipes escaped, line breaks as spaces, so one row stays one line. */
function markdownCell(value: string | null): string {
  return (value ?? 'NULL').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n|\r/g, ' ');
}

/** The rows in one format, header first (CSV, Markdown) or as objects keyed by header (JSON). */
export function formatRows(shown: ShownRows, format: CopyFormat): string {
  switch (format) {
    case 'csv':
      return [shown.headers, ...shown.rows].map((r) => r.map(csvField).join(',')).join('\r\n');
    case 'json': {
      // Two columns may share a title; the later one gets a suffix rather than overwriting.
      const keys = uniqueKeys(shown.headers);
      return JSON.stringify(shown.rows.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i] ?? null]))), null, 2);
    }
    case 'markdown': {
      const line = (cells: readonly (string | null)[]): string => `| ${cells.map(markdownCell).join(' | ')} |`;
      return [line(shown.headers), `|${shown.headers.map(() => ' --- ').join('|')}|`, ...shown.rows.map(line)].join('\n');
    }
  }
}

/** One cell as the grid shows it (`NULL` for NULL): what Ctrl+C copies from a single cell. */
export function formatCell(value: string | null): string {
  return value ?? 'NULL';
}

function uniqueKeys(headers: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((h) => {
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    return n === 1 ? h : `${h} (${n})`;
  });
}

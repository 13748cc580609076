/**
 * Completion of table and column names in the SQL console, from the catalog the app already has:
 * the word being typed at the caret, and the names that fit it (pure, so tested on its own).
 */
import type { TableInfo } from '../../../shared/model/catalog';

/** The word being typed at the caret: where it starts, what it is so far, and a `qualifier.` before it. */
export interface CompletionContext {
  readonly start: number;
  readonly prefix: string;
  /** The identifier before a dot (`runs.` → `runs`), when there is one. */
  readonly qualifier: string | null;
}

/** One suggestion: what is shown, what is inserted and what kind of name it is. */
export interface Completion {
  readonly label: string;
  readonly insert: string;
  readonly kind: 'table' | 'column';
  /** The table a column belongs to, shown as secondary text. */
  readonly detail: string;
}

const WORD = /[A-Za-z0-9_$]/;

/** The word at `caret` (letters, digits, `_`, `$`) and its qualifier; null inside a string or comment. */
export function completionContext(text: string, caret: number): CompletionContext | null {
  if (insideLiteral(text.slice(0, caret))) {
    return null;
  }
  let start = caret;
  while (start > 0 && WORD.test(text[start - 1] ?? '')) {
    start -= 1;
  }
  const prefix = text.slice(start, caret);
  let qualifier: string | null = null;
  if (text[start - 1] === '.') {
    let q = start - 1;
    while (q > 0 && WORD.test(text[q - 1] ?? '')) {
      q -= 1;
    }
    qualifier = text.slice(q, start - 1) || null;
  }
  return { start, prefix, qualifier };
}

/** True when the text ends inside a quoted string, a quoted identifier or a comment. */
function insideLiteral(before: string): boolean {
  let i = 0;
  while (i < before.length) {
    const c = before[i];
    if (c === "'" || c === '"' || c === '`') {
      const end = before.indexOf(c, i + 1);
      if (end < 0) {
        return true;
      }
      i = end + 1;
    } else if (before.startsWith('--', i)) {
      const end = before.indexOf('\n', i);
      if (end < 0) {
        return true;
      }
      i = end + 1;
    } else if (before.startsWith('/*', i)) {
      const end = before.indexOf('*/', i + 2);
      if (end < 0) {
        return true;
      }
      i = end + 2;
    } else {
      i += 1;
    }
  }
  return false;
}

/** A name as SQL needs it: bare when it is a plain identifier, else in double quotes. */
export function quoteIdent(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/** How a table is written in a statement: schema-qualified outside the default schemas. */
function tableRef(t: TableInfo): string {
  return t.schema === null || t.schema === 'main' || t.schema === 'public' ? quoteIdent(t.name) : `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`;
}

/** Tables the statement names (a word equal to a table's name), so their columns come first. */
function mentioned(tables: readonly TableInfo[], text: string): ReadonlySet<TableInfo> {
  const words = new Set(text.toLowerCase().match(/[a-z0-9_$]+/g) ?? []);
  return new Set(tables.filter((t) => words.has(t.name.toLowerCase())));
}

/**
 * The names that fit the word at the caret, best first: after `t.` the columns of table `t` (or
 * the tables of schema `t`); otherwise tables and the columns of the tables the statement names
 * (every table's when it names none), those starting with the word before those containing it.
 */
export function completionsFor(tables: readonly TableInfo[], text: string, ctx: CompletionContext, limit = 12): Completion[] {
  const word = ctx.prefix.toLowerCase();
  const candidates: Completion[] = [];
  if (ctx.qualifier !== null) {
    const q = ctx.qualifier.toLowerCase();
    for (const t of tables) {
      if (t.name.toLowerCase() === q) {
        candidates.push(...t.columns.map((c) => ({ label: c.name, insert: quoteIdent(c.name), kind: 'column' as const, detail: t.name })));
      } else if (t.schema !== null && t.schema.toLowerCase() === q) {
        candidates.push({ label: t.name, insert: quoteIdent(t.name), kind: 'table', detail: t.schema });
      }
    }
  } else {
    const named = mentioned(tables, text);
    for (const t of tables) {
      candidates.push({ label: t.name, insert: tableRef(t), kind: 'table', detail: t.schema ?? t.kind });
    }
    const columnTables = named.size > 0 ? tables.filter((t) => named.has(t)) : tables;
    for (const t of columnTables) {
      candidates.push(...t.columns.map((c) => ({ label: c.name, insert: quoteIdent(c.name), kind: 'column' as const, detail: t.name })));
    }
  }
  const seen = new Set<string>();
  const starts: Completion[] = [];
  const contains: Completion[] = [];
  for (const c of candidates) {
    const key = `${c.kind}:${c.insert}`;
    const label = c.label.toLowerCase();
    if (seen.has(key) || (label === word && word !== '')) {
      continue;
    }
    seen.add(key);
    if (label.startsWith(word)) {
      starts.push(c);
    } else if (word !== '' && label.includes(word)) {
      contains.push(c);
    }
  }
  return [...starts, ...contains].slice(0, limit);
}

/** The text after accepting a completion, and where the caret goes. */
export function applyCompletion(text: string, caret: number, ctx: CompletionContext, c: Completion): { readonly text: string; readonly caret: number } {
  const next = `${text.slice(0, ctx.start)}${c.insert}${text.slice(caret)}`;
  return { text: next, caret: ctx.start + c.insert.length };
}

/**
 * The console's SQL editor: a plain monospace textarea with a list of table and column names
 * that fit the word being typed (or all of them on Ctrl+Space); ↑/↓ pick, Enter or Tab insert,
 * Escape closes. Ctrl+Enter (Cmd+Enter) runs the statement.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import type { TableInfo } from '../../../shared/model/catalog';
import type { Completion, CompletionContext } from './sql-completion';
import { applyCompletion, completionContext, completionsFor } from './sql-completion';

interface Open {
  readonly ctx: CompletionContext;
  readonly items: readonly Completion[];
  readonly active: number;
  /** The editor's scroll when the list opened, to place it under the caret's line. */
  readonly scrollTop: number;
}

/** The editor; `onRun` is Ctrl+Enter. */
export function SqlEditor({ value, onChange, onRun, tables }: {
  readonly value: string;
  readonly onChange: (sql: string) => void;
  readonly onRun: () => void;
  readonly tables: readonly TableInfo[];
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [open, setOpen] = useState<Open | null>(null);

  const suggest = (text: string, caret: number, forced: boolean, scrollTop: number): void => {
    const ctx = completionContext(text, caret);
    if (ctx === null || (!forced && ctx.prefix === '' && ctx.qualifier === null)) {
      setOpen(null);
      return;
    }
    const items = completionsFor(tables, text, ctx);
    setOpen(items.length > 0 ? { ctx, items, active: 0, scrollTop } : null);
  };

  const accept = (c: Completion, ctx: CompletionContext): void => {
    const el = ref.current;
    const caret = el?.selectionStart ?? value.length;
    const next = applyCompletion(value, caret, ctx, c);
    onChange(next.text);
    setOpen(null);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.caret, next.caret);
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      setOpen(null);
      onRun();
      return;
    }
    if (e.ctrlKey && (e.key === ' ' || e.code === 'Space')) {
      e.preventDefault();
      suggest(value, e.currentTarget.selectionStart, true, e.currentTarget.scrollTop);
      return;
    }
    if (!open) {
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setOpen({ ...open, active: (open.active + step + open.items.length) % open.items.length });
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      const item = open.items[open.active];
      if (item) {
        e.preventDefault();
        accept(item, open.ctx);
      }
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setOpen(null);
    }
  };

  // The list sits under the caret's line: the editor is monospace, so lines and columns place it.
  const before = value.slice(0, open?.ctx.start ?? 0);
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n') - 1;
  const scrollTop = open?.scrollTop ?? 0;

  return (
    <div className="sql-editor">
      <textarea
        ref={ref}
        className="sql-input"
        data-testid="sql-input"
        aria-label="SQL statement"
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        placeholder="SELECT … (Ctrl+Enter runs it; Ctrl+Space lists table and column names)"
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          suggest(e.target.value, e.target.selectionStart, false, e.target.scrollTop);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(null)}
        onClick={() => setOpen(null)}
      />
      {open && (
        <ul
          className="sql-completions"
          role="listbox"
          aria-label="Table and column names"
          data-testid="sql-completions"
          style={{ top: `calc(${line} * var(--sql-line) + 8px - ${scrollTop}px)`, left: `calc(${column}ch + 10px)` }}
        >
          {open.items.map((c, i) => (
            <li
              key={`${c.kind}:${c.insert}:${c.detail}`}
              role="option"
              aria-selected={i === open.active}
              className={i === open.active ? 'active' : undefined}
              data-testid="sql-completion"
              // mousedown, not click: the textarea's blur would close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                accept(c, open.ctx);
              }}
            >
              <span className={`sql-completion-kind ${c.kind}`}>{c.kind === 'table' ? 'T' : 'C'}</span>
              <span className="sql-completion-name">{c.label}</span>
              <span className="sql-completion-detail muted">{c.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The search box over the runs: text typed here keeps the runs whose message, or any of whose
 * steps' messages, contains it. The engine does the search (ViewQuery.search); the box only
 * settles the text (300 ms after the last key, or at once on Enter) so typing asks once.
 */
import { useEffect, useEffectEvent, useState } from 'react';
import { useDebounced } from '../../components/use-debounced';

/** How long typing pauses before the runs are searched. */
const SETTLE_MS = 300;

/** The search box; `value` is the view's search, `onSearch` sets it (blank text removes it). */
export function RunSearchBox({ value, onSearch }: {
  readonly value: string | undefined;
  readonly onSearch: (text: string) => void;
}) {
  const [text, setText] = useState(value ?? '');
  const [seen, setSeen] = useState(value);
  const settled = useDebounced(text, SETTLE_MS);
  // The view changed from elsewhere (its chip removed): show what it searches now.
  if (seen !== value) {
    setSeen(value);
    if ((value ?? '') !== settled.trim()) {
      setText(value ?? '');
    }
  }
  const commit = (t: string): void => {
    if (t.trim() !== (value ?? '')) {
      onSearch(t);
    }
  };
  const settle = useEffectEvent((t: string) => commit(t));
  useEffect(() => settle(settled), [settled]);
  return (
    <input
      type="search"
      className="run-search"
      data-testid="run-search"
      aria-label="Search run and step messages"
      placeholder="Search runs and steps…"
      title="Runs whose message, or any of whose steps' messages, contains this text (not case-sensitive)"
      value={text}
      maxLength={500}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          commit(text);
        } else if (e.key === 'Escape' && text !== '') {
          e.stopPropagation();
          setText('');
          commit('');
        }
      }}
    />
  );
}

/** The lineage search box: "type a table, a column or a job", matches listed as the user types. */
import { useState } from 'react';
import type { LineageNodeMatch } from '../../../shared/model/lineage-graph';
import { useApiCall } from '../../app/use-api-call';
import { useDebounced } from '../../components/use-debounced';

/** A search box over a format's lineage nodes; picking a match focuses the graph on it. */
export function LineageSearch({ storeId, format, columns, root = null, onPick }: {
  readonly storeId: string;
  readonly format: string;
  readonly columns: boolean;
  /** The node the graph is focused on, shown in the box when it opens. */
  readonly root?: string | null;
  readonly onPick: (id: string) => void;
}) {
  const [text, setText] = useState(root ?? '');
  const [open, setOpen] = useState(false);
  const asked = useDebounced(text.trim(), 150);
  const matches = useApiCall('lineage.search', asked === '' ? null : { storeId, format, text: asked, columns, limit: 20 });
  const list: readonly LineageNodeMatch[] = matches.value ?? [];
  const pick = (id: string): void => {
    setOpen(false);
    setText(id);
    onPick(id);
  };
  return (
    <div className="lineage-search">
      <input type="search" className="lineage-search-input" data-testid="lineage-search" placeholder="Type a table, a column or a job"
        aria-label="Find a node of the lineage" value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          const first = list[0];
          if (e.key === 'Enter' && first !== undefined) {
            pick(first.id);
          }
          if (e.key === 'Escape') {
            setOpen(false);
          }
        }} />
      {open && asked !== '' && (
        <ul className="lineage-matches" role="listbox" data-testid="lineage-matches">
          {list.length === 0 && <li className="muted">{matches.loading ? 'Searching…' : 'No node matches.'}</li>}
          {list.map((m) => (
            <li key={m.id} role="option" aria-selected={false} data-testid="lineage-match" data-node={m.id} onClick={() => pick(m.id)}>
              <span className="lineage-match-name">{m.id}</span>
              <span className="muted">{m.type ?? ''} · {m.edges} edge{m.edges === 1 ? '' : 's'}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

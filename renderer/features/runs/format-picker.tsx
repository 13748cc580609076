/**
 * Choosing an audit format of the store: a compact select in the runs bar (which also leads to
 * the mapping form), and when nothing is chosen yet, a list of the store's formats to pick from.
 * With no format at all, an empty state that offers to map the schema or browse the tables.
 */
import type { FormatSummary } from '../../../shared/api/contract';

/** Select values of the picker's actions; format keys are `id:schema:table` or `mapped:title`, never these. */
const MAP_NEW = '#map-new';
const MAP_EDIT = '#map-edit';

/** The format select of the runs bar, with "Map another format…" (and "Edit this mapping…" on a mapped one). */
export function FormatSelect({ formats, value, onChange, onMap }: {
  readonly formats: readonly FormatSummary[];
  readonly value: string | null;
  readonly onChange: (key: string) => void;
  readonly onMap: (edit: FormatSummary | null) => void;
}) {
  const current = formats.find((f) => f.key === value) ?? null;
  const pick = (v: string): void => {
    if (v === MAP_NEW) {
      onMap(null);
    } else if (v === MAP_EDIT) {
      onMap(current);
    } else {
      onChange(v);
    }
  };
  return (
    <label className="format-select">
      <span className="muted">Format</span>
      <select data-testid="format-picker" aria-label="Audit format" value={value ?? ''} onChange={(e) => pick(e.target.value)}>
        {value === null && <option value="" disabled>Choose a format…</option>}
        {formats.map((f) => (
          <option key={f.key} value={f.key} data-format-id={f.id}>
            {/* The runs table tells apart one format found twice (e.g. in two schemas); mapped ones differ by title. */}
            {formats.some((o) => o !== f && o.id === f.id && o.title === f.title) ? `${f.title} · ${f.runsTable}` : f.title}
          </option>
        ))}
        <option disabled>──────────</option>
        {current?.id === 'mapped' && <option value={MAP_EDIT} data-action="map-edit">Edit this mapping…</option>}
        <option value={MAP_NEW} data-action="map-new">Map another format…</option>
      </select>
    </label>
  );
}

/** The store's formats as a list to pick from, shown until one is chosen. */
export function FormatChoices({ formats, onChoose }: {
  readonly formats: readonly FormatSummary[];
  readonly onChoose: (key: string) => void;
}) {
  return (
    <div className="format-choices" data-testid="format-choices">
      <h2>This store holds {formats.length} audit formats</h2>
      <p className="muted">Pick the runs to look at; the choice is kept while the store is open.</p>
      <ul>
        {formats.map((f) => (
          <li key={f.key}>
            <button type="button" className="format-choice" data-testid="format-option" data-format-id={f.id} onClick={() => onChoose(f.key)}>
              <span className="format-choice-title">{f.title}</span>
              <span className="format-choice-id">{f.id}</span>
              <span className="format-choice-tables muted">
                runs in <code>{f.runsTable}</code>
                {f.stepsTable !== null ? <>, steps in <code>{f.stepsTable}</code></> : ', no steps'}
              </span>
              <span className="format-choice-badges">
                {f.timeline && <span className="badge">timeline</span>}
                {f.lineage && <span className="badge">lineage</span>}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** No known format in the store: say so, and offer to map the schema or browse the tables. */
export function NoFormats({ failed, onTables, onMap }: { readonly failed: boolean; readonly onTables: () => void; readonly onMap: () => void }) {
  return (
    <div className="runs-empty" data-testid="runs-empty">
      <h2>{failed ? 'The audit formats of this store could not be read' : 'No known audit format in this store'}</h2>
      <p className="muted">Say which table holds the runs and which their steps (about a minute), or browse the tables.</p>
      <div className="runs-empty-actions">
        <button type="button" className="primary" data-testid="map-schema" onClick={onMap}>Map this schema</button>
        <button type="button" data-testid="browse-tables" onClick={onTables}>Browse tables</button>
      </div>
    </div>
  );
}

/**
 * Mapping a schema no profile knows, on one screen: the runs, steps and lineage cards side by
 * side, pre-filled from `mapping.suggest` (keys, names, data overlap), a title, and Save. Also
 * Export… (a download of the saved JSON) and Import… (a mapping file from elsewhere). The
 * server checks every column; its sentence is shown above the cards.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { FormatSummary, MappingSuggestions } from '../../../../shared/api/contract';
import { call } from '../../../app/api-client';
import { useOpenStore } from '../../../app/store-context';
import { useApiCall } from '../../../app/use-api-call';
import type { MappingDraft } from './mapping-draft';
import { initialDraft, mappingFromDraft } from './mapping-draft';
import { draftFromMappingJson, statusWordsOf } from './mapping-edit';
import { downloadText, mappingFileName, readMappingFile } from './mapping-file';
import { LineageSection } from './mapping-lineage-section';
import { RunsSection, StepsSection } from './mapping-sections';
import './mapping.css';

/** The mapping form. `editing` is the saved JSON of the mapping to change, or null for a new one. */
export function MappingForm({ savedTitles, editing, onSaved, onRemoved, onCancel }: {
  /** Titles of the mappings already saved for this store's schema. */
  readonly savedTitles: readonly string[];
  readonly editing: string | null;
  readonly onSaved: (format: FormatSummary) => void;
  readonly onRemoved: () => void;
  readonly onCancel: (() => void) | null;
}) {
  const { storeId, catalog } = useOpenStore();
  const suggestions = useSuggestions(storeId);
  const [edited, setEdited] = useState<MappingDraft | null>(null);
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const tables = catalog?.tables ?? [];
  // The pre-fill is derived until the user changes something, so it never races the suggestions.
  const fromSaved = editing !== null ? draftFromMappingJson(editing) : null;
  const ready = catalog !== null && suggestions !== undefined;
  const draft = edited ?? fromSaved ?? (ready ? initialDraft(tables, suggestions) : null);
  const title = draft?.title.trim() ?? '';
  const isSaved = savedTitles.includes(title);

  const run = async (action: () => Promise<string | null>): Promise<void> => {
    setBusy(true);
    setProblems([]);
    const problem = await action();
    setBusy(false);
    if (problem !== null) {
      setProblems([problem]);
    }
  };

  const save = (e: FormEvent): void => {
    e.preventDefault();
    if (!draft || busy) {
      return;
    }
    const built = mappingFromDraft(draft, tables);
    if (!built.ok) {
      setProblems(built.problems);
      return;
    }
    void run(async () => {
      const r = await call('mapping.save', { storeId, mapping: { ...built.mapping, ...(editing !== null ? statusWordsOf(editing) : {}) } });
      if (!r.ok) {
        return r.error.message;
      }
      onSaved(r.value);
      return null;
    });
  };
  const exportSaved = (): void => void run(async () => {
    const r = await call('mapping.export', { storeId, title });
    if (!r.ok) {
      return r.error.message;
    }
    downloadText(mappingFileName(title), r.value.json);
    return null;
  });
  const importFile = (file: File): void => void run(async () => {
    const read = await readMappingFile(file);
    if (!read.ok) {
      return read.message;
    }
    const r = await call('mapping.import', { storeId, json: read.text });
    if (!r.ok) {
      return r.error.message;
    }
    onSaved(r.value);
    return null;
  });
  const remove = (): void => void run(async () => {
    const r = await call('mapping.remove', { storeId, title });
    if (!r.ok) {
      return r.error.message;
    }
    onRemoved();
    return null;
  });

  return (
    <form className="mapping" data-testid="mapping-form" onSubmit={save} noValidate>
      <header className="mapping-head">
        <div className="mapping-intro">
          <h2>{editing !== null ? 'Edit the mapping' : 'Map this schema'}</h2>
          <p className="muted">
            {editing !== null
              ? 'Change what the saved mapping says; saving under another title keeps both.'
              : 'Say which table holds the runs, which holds their steps and which (if any) holds lineage edges. Auditlens filled in its best guesses from keys, column names and the data.'}
          </p>
        </div>
        <label className="mapping-title">
          <span>Title</span>
          <input type="text" data-testid="map-title" value={draft?.title ?? ''} disabled={!draft} placeholder="e.g. Nightly jobs" maxLength={200}
            onChange={(e) => draft && setEdited({ ...draft, title: e.target.value })} />
        </label>
        <div className="mapping-actions">
          <input ref={fileInput} type="file" accept=".json,application/json" hidden data-testid="map-import-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) {
                importFile(file);
              }
            }} />
          <button type="button" data-testid="map-import" disabled={busy} title="Use a mapping file exported earlier" onClick={() => fileInput.current?.click()}>Import…</button>
          <button type="button" data-testid="map-export" disabled={busy || !isSaved} title={isSaved ? `Download the saved mapping "${title}" as JSON` : 'Save the mapping first'}
            onClick={exportSaved}>Export…</button>
          {editing !== null && isSaved && <button type="button" data-testid="map-remove" disabled={busy} onClick={remove}>Remove</button>}
          {onCancel && <button type="button" data-testid="map-cancel" disabled={busy} onClick={onCancel}>Cancel</button>}
          <button type="submit" className="primary" data-testid="map-save" disabled={busy || !draft}>{busy ? 'Saving…' : 'Save and show runs'}</button>
        </div>
      </header>
      {problems.length > 0 && (
        <ul className="mapping-problems" role="alert" data-testid="map-error">
          {problems.map((p, i) => <li key={i}>{p}</li>)}
        </ul>
      )}
      {draft === null ? (
        <div className="empty-main muted" data-testid="map-loading">{catalog === null ? 'Reading the tables…' : 'Looking for runs and steps tables…'}</div>
      ) : tables.length === 0 ? (
        <div className="empty-main muted">This store has no tables to map.</div>
      ) : (
        <div className="mapping-cards">
          <RunsSection draft={draft} tables={tables} suggestions={suggestions ?? null} onChange={setEdited} />
          <StepsSection draft={draft} tables={tables} suggestions={suggestions ?? null} onChange={setEdited} />
          <LineageSection draft={draft} tables={tables} onChange={setEdited} />
        </div>
      )}
    </form>
  );
}

/** The server's suggestions: undefined while loading, null when it had none to give (the form still works). */
function useSuggestions(storeId: string): MappingSuggestions | null | undefined {
  const { value, loading } = useApiCall('mapping.suggest', { storeId });
  return loading ? undefined : value;
}

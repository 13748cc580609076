/**
 * The timeline mode of an open store: the same format, filters, time window and UTC | Local
 * choice as the runs mode (one session, kept by the explorer), drawn on a time axis. The
 * filters show as chips here too; the window brushed here narrows the runs view and back.
 */
import { useMemo, useState } from 'react';
import type { TimelineBar } from '../../../../shared/model/timeline';
import type { ModeViewProps } from '../../../app/explorer/explorer-modes';
import { keptSlot, useKeptState } from '../../../app/kept-state';
import { useOpenStore } from '../../../app/store-context';
import { ErrorBoundary } from '../../../components/error-boundary';
import { anchorOf, type Anchor } from '../../../components/popover';
import { FilterChips } from '../../../grid/filter-chips';
import { removeFilterAt, replaceColumnFilters } from '../../../grid/grid-view-state';
import { crossFilterChips } from '../cross-filters';
import { FormatChoices, FormatSelect } from '../format-picker';
import { viewTableInfo } from '../run-columns';
import { openTab, runTabId } from '../run-tabs';
import { useRunsIntent } from '../runs-intent';
import { RUNS_SESSION } from '../runs-mode';
import type { RunsSession } from '../runs-session';
import { pickedFormat, rememberFormat, rememberedFormat, sessionFor, updateView, viewOf } from '../runs-session';
import { ZoneToggle } from '../zone-toggle';
import { ChipFilterPopover } from './chip-filter';
import { INITIAL_TIMELINE, type TimelineSettings } from './timeline-settings';
import { TimelineView } from './timeline-view';
import '../runs.css';
import './timeline.css';

/** The timeline's own settings, per format key. */
const TIMELINE_SESSION = keptSlot<ReadonlyMap<string, TimelineSettings>>('timeline', new Map());

/** The timeline mode. */
export function TimelineMode({ onMode, intent, onIntentDone }: ModeViewProps) {
  const store = useOpenStore();
  const { storeId, location, catalog } = store;
  const [kept, setKept] = useKeptState(RUNS_SESSION);
  const session = useMemo(() => sessionFor(kept, storeId), [kept, storeId]);
  const onSessionChange = (update: (s: RunsSession) => RunsSession): void => setKept((s) => update(sessionFor(s, storeId)));
  const [allSettings, setAllSettings] = useKeptState(TIMELINE_SESSION);
  const formats = useMemo(() => (store.formats ?? []).filter((f) => f.timeline), [store.formats]);
  const chosen = session.formatKey ?? rememberedFormat(location);
  const format = pickedFormat(formats, chosen);
  useRunsIntent(intent, onIntentDone, store.formats === null ? null : formats, onSessionChange);
  // Editing a chip opens its column's popover here: the user stays in the timeline.
  const [editing, setEditing] = useState<{ readonly column: string; readonly anchor: Anchor } | null>(null);
  const table = useMemo(() => (format ? viewTableInfo('runs', `runs of ${format.title}`, format.runColumns, format.runsTable, catalog) : null), [format, catalog]);

  if (store.formats === null) {
    return <div className="runs-mode"><div className="empty-main muted">Looking for audit formats…</div></div>;
  }
  if (formats.length === 0) {
    return (
      <div className="runs-mode" data-testid="timeline-mode">
        <div className="empty-main muted" data-testid="timeline-no-formats">No audit format of this store records times. <button type="button" className="link" onClick={() => onMode('runs')}>Go to the runs</button></div>
      </div>
    );
  }
  const choose = (key: string): void => {
    rememberFormat(location, key);
    onSessionChange((s) => ({ ...s, formatKey: key, active: null }));
  };
  const view = format ? viewOf(session, format) : null;
  const settings = format ? allSettings.get(format.key) ?? INITIAL_TIMELINE : INITIAL_TIMELINE;
  const onOpenTab = (bar: TimelineBar): void => {
    if (!format) {
      return;
    }
    onSessionChange((s) => ({
      ...s,
      ...openTab(s, {
        kind: 'run', id: runTabId(format.key, bar.runKey), formatKey: format.key, key: bar.runKey, runId: bar.id, title: bar.name ?? bar.id,
        cells: [['run_id', bar.id], ['run_name', bar.name], ['status', bar.status], ['started_at', new Date(bar.startMs).toISOString()]],
      }),
    }));
    onMode('runs');
  };
  return (
    <div className="runs-mode" data-testid="timeline-mode">
      <div className="runs-bar">
        <FormatSelect formats={formats} value={format?.key ?? null} onChange={choose} onMap={() => onMode('runs')} />
        {format && view && table && (
          <div className="timeline-chips" data-testid="timeline-chips">
            <FilterChips
              table={table}
              filters={view.filters}
              onRemove={(i) => onSessionChange((s) => updateView(s, format, (v) => removeFilterAt(v, i)))}
              onEdit={(column, el) => setEditing({ column, anchor: anchorOf(el) })}
              onClearAll={() => onSessionChange((s) => updateView(s, format, ({ anyStepFailed: _a, slowerThanMedian: _s, window: _w, search: _q, ...v }) => ({ ...v, filters: [] })))}
              extra={crossFilterChips(view, (u) => onSessionChange((s) => updateView(s, format, u)))}
            />
          </div>
        )}
        <span className="spacer" />
        <ZoneToggle zone={session.zone} onChange={(zone) => onSessionChange((s) => ({ ...s, zone }))} naive={format?.naiveTime ?? null} />
      </div>
      <div className="runs-body">
        {format === null || view === null ? (
          <FormatChoices formats={formats} onChoose={choose} />
        ) : (
          <ErrorBoundary key={format.key} label="The timeline">
            <TimelineView
              format={format}
              view={view}
              onViewChange={(update) => onSessionChange((s) => updateView(s, format, update))}
              zone={session.zone}
              settings={settings}
              onSettings={(update) => setAllSettings((all) => new Map(all).set(format.key, update(all.get(format.key) ?? INITIAL_TIMELINE)))}
              onOpenTab={onOpenTab}
            />
          </ErrorBoundary>
        )}
      </div>
      {editing && format && view && (
        <ChipFilterPopover
          format={format}
          view={view}
          column={editing.column}
          anchor={editing.anchor}
          onApply={(filters) => {
            onSessionChange((s) => updateView(s, format, (v) => replaceColumnFilters(v, editing.column, filters)));
            setEditing(null);
          }}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}

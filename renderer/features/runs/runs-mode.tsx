/**
 * The runs mode of an open store: the runs bar (format, tabs, UTC | Local) over the runs view
 * of the chosen format, a run opened in its own tab, or two runs compared. Everything the user
 * sets up lives in the session the explorer keeps, so switching to the tables and back restores
 * it. A store without a known format (or a user who asks) gets the mapping form instead.
 */
import { useMemo, useState } from 'react';
import type { FormatSummary } from '../../../shared/api/contract';
import { call } from '../../app/api-client';
import { useReportError } from '../../app/error-context';
import type { ModeViewProps } from '../../app/explorer/explorer-modes';
import { keptSlot, useKeptState } from '../../app/kept-state';
import { useOpenStore } from '../../app/store-context';
import { ErrorBoundary } from '../../components/error-boundary';
import { TabStrip, type StripTab } from '../../components/tab-strip';
import { CompareView } from './compare/compare-view';
import { FormatChoices, FormatSelect, NoFormats } from './format-picker';
import { MappingForm } from './mapping/mapping-form';
import type { PickedRun } from './compare/compare-picker';
import { RunTabView } from './run-tab-view';
import { replaceColumnFilters } from '../../grid/grid-view-state';
import type { AnyTab, RunTab } from './run-tabs';
import { closeTab, compareTabId, openTab } from './run-tabs';
import type { RunsSession } from './runs-session';
import { emptySession, pickedFormat, rememberFormat, rememberedFormat, sessionFor, updateView, viewOf } from './runs-session';
import { useRunsIntent } from './runs-intent';
import { RunsView } from './runs-view';
import { NaiveTimeContext } from './naive-time';
import { ZoneToggle } from './zone-toggle';
import './runs.css';
import { cellToText } from '../../../shared/model/values';

/** The id of the fixed "Runs" tab (run tabs have JSON ids, which never equal it). */
const RUNS_TAB = 'runs';

/** What the runs mode keeps while another mode is shown (the timeline reads and changes it too). */
export const RUNS_SESSION = keptSlot<RunsSession>('runs', emptySession(null));

/** The runs mode. */
export function RunsMode({ onMode, onNavigate, intent, onIntentDone }: ModeViewProps) {
  const report = useReportError();
  const store = useOpenStore();
  const { storeId, location } = store;
  const [kept, setKept] = useKeptState(RUNS_SESSION);
  // Stable until the session changes (a fresh session is a new object on every call).
  const session = useMemo(() => sessionFor(kept, storeId), [kept, storeId]);
  const onSessionChange = (update: (s: RunsSession) => RunsSession): void => setKept((s) => update(sessionFor(s, storeId)));
  // A format just saved or imported is shown at once, before the reloaded list brings it.
  const [added, setAdded] = useState<FormatSummary | null>(null);
  const formats = useMemo(() => withAdded(store.formats, added), [store.formats, added]);
  // The mapping form, when open: `editing` holds the saved JSON of the mapping being changed.
  const [mapping, setMapping] = useState<{ readonly editing: string | null } | null>(null);
  const chosen = session.formatKey ?? rememberedFormat(location);
  const format = formats ? pickedFormat(formats, chosen) : null;
  const activeTab = session.tabs.find((t) => t.id === session.active) ?? null;
  const byKey = useMemo(() => new Map((formats ?? []).map((f) => [f.key, f] as const)), [formats]);
  useRunsIntent(intent, onIntentDone, formats, onSessionChange);

  const choose = (key: string): void => {
    rememberFormat(location, key);
    // The picker has done its job: let go of the focus, and the explorer's focus keeper puts it on the new grid.
    if (document.activeElement instanceof HTMLElement) {
      document.activeElement.blur();
    }
    onSessionChange((s) => ({ ...s, formatKey: key, active: null }));
  };
  const strip: StripTab[] = [
    { id: RUNS_TAB, title: 'Runs', closable: false, hint: 'The runs of the chosen format' },
    ...session.tabs.map((t) => ({ id: t.id, title: t.title, closable: true, hint: `${tabHint(t)} · ${byKey.get(t.formatKey)?.id ?? 'format gone'}` })),
  ];
  const openMapping = (edit: FormatSummary | null): void => {
    if (edit === null) {
      setMapping({ editing: null });
      return;
    }
    void call('mapping.export', { storeId, title: edit.title }).then((r) => {
      if (r.ok) {
        setMapping({ editing: r.value.json });
      } else {
        report(r.error, 'Opening the mapping');
      }
    });
  };

  if (formats === null) {
    return <div className="runs-mode"><div className="empty-main muted" data-testid="runs-loading">Looking for audit formats…</div></div>;
  }
  if (mapping !== null) {
    return (
      <div className="runs-mode">
        <MappingForm
          key={mapping.editing ?? 'new'}
          savedTitles={formats.filter((f) => f.id === 'mapped').map((f) => f.title)}
          editing={mapping.editing}
          onSaved={(f) => {
            setAdded(f);
            store.reloadFormats();
            setMapping(null);
            choose(f.key);
          }}
          onRemoved={() => {
            setAdded(null);
            store.reloadFormats();
            setMapping(null);
            onSessionChange((s) => ({ ...s, formatKey: null, active: null }));
          }}
          onCancel={() => setMapping(null)}
        />
      </div>
    );
  }
  if (formats.length === 0) {
    return <div className="runs-mode"><NoFormats failed={store.formatsFailed} onTables={() => onMode('tables')} onMap={() => openMapping(null)} /></div>;
  }
  return (
    <div className="runs-mode" data-testid="runs-mode">
      <div className="runs-bar">
        <FormatSelect formats={formats} value={format?.key ?? null} onChange={choose} onMap={openMapping} />
        <TabStrip
          label="Runs and opened runs"
          tabs={strip}
          active={activeTab?.id ?? RUNS_TAB}
          onActivate={(id) => onSessionChange((s) => ({ ...s, active: id === RUNS_TAB ? null : id }))}
          onClose={(id) => onSessionChange((s) => ({ ...s, ...closeTab(s, id) }))}
        />
        <span className="spacer" />
        <ZoneToggle zone={session.zone} onChange={(zone) => onSessionChange((s) => ({ ...s, zone }))} naive={format?.naiveTime ?? null} />
      </div>
      <div className="runs-body">
        {format === null ? (
          <FormatChoices formats={formats} onChoose={choose} />
        ) : (
          <ErrorBoundary key={format.key} label="The runs view">
            <NaiveTimeContext.Provider value={format.naiveTime ?? null}>
              <RunsView
                format={format}
                view={viewOf(session, format)}
                onViewChange={(update) => onSessionChange((s) => updateView(s, format, update))}
                zone={session.zone}
                active={activeTab === null}
                onOpenTab={(tab: RunTab) => onSessionChange((s) => ({ ...s, ...openTab(s, tab) }))}
                initialSelected={session.selected?.formatKey === format.key ? session.selected : null}
                onSelect={(row) => onSessionChange((s) => ({ ...s, selected: row && { formatKey: format.key, key: row.key, runId: row.cells.get('run_id') ?? null } }))}
                onShowLineage={format.lineage ? (run) => onNavigate({ kind: 'lineage', format: format.key, run }) : null}
              />
            </NaiveTimeContext.Provider>
          </ErrorBoundary>
        )}
        {activeTab && (
          <NaiveTimeContext.Provider value={byKey.get(activeTab.formatKey)?.naiveTime ?? null}>
            <ActiveTab tab={activeTab} format={byKey.get(activeTab.formatKey) ?? null} session={session} onSessionChange={onSessionChange} />
          </NaiveTimeContext.Provider>
        )}
      </div>
    </div>
  );
}

/** A tab's tooltip: the run's id, or which two runs a comparison shows. */
function tabHint(t: AnyTab): string {
  return t.kind === 'compare' ? t.hint : (t.runId === null ? t.title : cellToText(t.runId));
}

/** The formats as listed, plus one just saved that the list does not hold yet. */
function withAdded(formats: readonly FormatSummary[] | null, added: FormatSummary | null): readonly FormatSummary[] | null {
  if (formats === null || added === null || formats.some((f) => f.key === added.key)) {
    return formats;
  }
  return [...formats, added];
}

function ActiveTab({ tab, format, session, onSessionChange }: {
  readonly tab: AnyTab;
  readonly format: FormatSummary | null;
  readonly session: RunsSession;
  readonly onSessionChange: (update: (s: RunsSession) => RunsSession) => void;
}) {
  if (format === null) {
    return <div className="empty-main muted">The format of this run is no longer in the store.</div>;
  }
  if (tab.kind === 'compare') {
    return (
      <ErrorBoundary key={tab.id} label="This comparison">
        <CompareView format={format} tab={tab} zone={session.zone} />
      </ErrorBoundary>
    );
  }
  const compareWith = (b: PickedRun): void => {
    const id = compareTabId(format.key, tab.key, b.key);
    onSessionChange((s) => ({
      ...s,
      ...openTab(s, { kind: 'compare', id, formatKey: format.key, a: tab.key, b: b.key, title: `${tab.title}: A vs B`, hint: `A ${tab.runId === null ? tab.title : cellToText(tab.runId)}, B ${b.label}` }),
    }));
  };
  return (
    <ErrorBoundary key={tab.id} label="This run's tab">
      <RunTabView
        format={format}
        tab={tab}
        zone={session.zone}
        stepsHidden={viewOf(session, format).stepsHidden}
        search={viewOf(session, format).search}
        onStepsHiddenChange={(stepsHidden) => onSessionChange((s) => updateView(s, format, (v) => ({ ...v, stepsHidden })))}
        onOpenRuns={(column, value) => onSessionChange((s) => ({ ...updateView(s, format, (v) => replaceColumnFilters(v, column, [{ column, op: 'eq', value }])), active: null }))}
        onCompare={compareWith}
      />
    </ErrorBoundary>
  );
}

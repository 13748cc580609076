/**
 * The timeline's toolbar: lanes by a column, search with "matches only", the time window (set
 * it to what is on screen, or clear it), a run's waterfall controls (back, collapse all, hide
 * short steps, critical path), export of the window's runs, the picture action, and the legend.
 */
import { useMemo } from 'react';
import type { FormatSummary } from '../../../../shared/api/contract';
import type { TimelineBar, TimelineResult } from '../../../../shared/model/timeline';
import { STATUS_CLASSES } from '../../../../shared/model/status';
import { STATUS_STYLES } from '../../../../shared/timeline/status-style';
import type { TimeScale } from '../../../../shared/timeline/time-scale';
import { call } from '../../../app/api-client';
import { useOpenStore } from '../../../app/store-context';
import { ExportButton } from '../../../export/export-button';
import { runsExportSubject } from '../runs-export-subject';
import type { RunsViewState } from '../runs-session';
import { filterQuery, runsQuery, setWindow } from '../runs-session';
import { CompareButton } from '../compare/compare-picker';
import type { TimeZoneMode } from '../time-display';
import { machineOffset } from '../time-display';
import { wallText, zoneText } from '../../../../shared/timeline/picture-time';
import { useRunsCount } from '../use-runs-count';
import { windowOf } from '../time-window';
import { SavePictureButton } from './save-picture';
import type { PictureKind } from './save-picture-file';
import type { OpenedRun, TimelineSettings } from './timeline-settings';
import { withShortcut } from '../../../app/shortcuts';

/** Choices of "hide steps shorter than". */
const MIN_DURATIONS: readonly { readonly ms: number; readonly label: string }[] = [
  { ms: 0, label: 'all steps' }, { ms: 100, label: '≥ 100 ms' }, { ms: 1_000, label: '≥ 1 s' }, { ms: 10_000, label: '≥ 10 s' }, { ms: 60_000, label: '≥ 1 min' },
];

/** The toolbar. */
export function TimelineToolbar({ format, settings, onSettings, result, opened, onBack, selected, onWaterfall, view, viewScale, onViewChange, groups, loading, onJump, matchCount, onSavePicture, zone }: {
  readonly format: FormatSummary;
  readonly settings: TimelineSettings;
  readonly onSettings: (update: (s: TimelineSettings) => TimelineSettings) => void;
  readonly result: TimelineResult | null;
  readonly opened: OpenedRun | null;
  readonly onBack: () => void;
  readonly selected: TimelineBar | null;
  readonly onWaterfall: () => void;
  readonly view: RunsViewState;
  readonly viewScale: TimeScale | null;
  readonly onViewChange: (update: (v: RunsViewState) => RunsViewState) => void;
  readonly groups: readonly string[];
  readonly loading: boolean;
  /** Enter in the search box: select the next match and show it. */
  readonly onJump: () => void;
  /** Bars matching the search, null without a search. */
  readonly matchCount: number | null;
  /** Saves what is on screen as a picture; absent while nothing is drawn. */
  readonly onSavePicture?: (kind: PictureKind) => void;
  readonly zone: TimeZoneMode;
}) {
  const { storeId } = useOpenStore();
  const query = useMemo(() => runsQuery(format, view), [format, view]);
  const counted = useMemo(() => filterQuery(view), [view]);
  const count = useRunsCount(format.key, counted);
  const subject = useMemo(() => runsExportSubject(call, storeId, format, query, count), [storeId, format, query, count]);
  const allCollapsed = groups.length > 0 && groups.every((g) => settings.collapsed.includes(g));
  return (
    <div className="toolbar timeline-toolbar" data-testid="timeline-toolbar">
      {opened ? (
        <>
          <button type="button" className="small" data-testid="timeline-back" onClick={onBack} title="Back to the runs over time (Backspace)">← All runs</button>
          <h2 className="table-title" data-testid="waterfall-title" title={opened.title}>{opened.title}</h2>
          {groups.length > 0 && (
            <button type="button" className="small" data-testid="timeline-collapse-all" onClick={() => onSettings((s) => ({ ...s, collapsed: allCollapsed ? [] : [...groups] }))}>
              {allCollapsed ? 'Expand all' : 'Collapse all'}
            </button>
          )}
          <label className="timeline-field">
            <span className="muted">Show</span>
            <select data-testid="timeline-min-duration" value={settings.minDurationMs} aria-label="Hide steps shorter than"
              onChange={(e) => onSettings((s) => ({ ...s, minDurationMs: Number(e.target.value) }))}>
              {MIN_DURATIONS.map((d) => <option key={d.ms} value={d.ms}>{d.label}</option>)}
            </select>
          </label>
          {result?.criticalPath && result.criticalPath.length > 0 && (
            <button type="button" className={`toggle${settings.criticalPath ? ' on' : ''}`} aria-pressed={settings.criticalPath} data-testid="timeline-critical"
              title={result.criticalPathBasis === 'dependencies' ? 'The chain of dependencies that decided when the run ended' : 'The longest chain of back-to-back steps'}
              onClick={() => onSettings((s) => ({ ...s, criticalPath: !s.criticalPath }))}>
              Critical path
            </button>
          )}
          {settings.compare ? (
            <button type="button" className="toggle on" aria-pressed="true" data-testid="timeline-stop-compare" title="Back to this run's own waterfall"
              onClick={() => onSettings((s) => ({ ...s, compare: null }))}>
              Comparing with {compareTitle(settings.compare.title, zone)} ×
            </button>
          ) : (
            <CompareButton format={format.key} name={result?.run ? result.run.name : undefined} runKey={opened.runKey} zone={zone}
              onPick={(picked) => onSettings((s) => ({ ...s, compare: { runKey: picked.key, title: picked.label } }))} />
          )}
        </>
      ) : (
        <>
          <h2 className="table-title">Timeline</h2>
          <label className="timeline-field">
            <span className="muted">Lanes by</span>
            <select data-testid="timeline-lanes" aria-label="Lanes by column" value={settings.lanes ?? ''}
              onChange={(e) => onSettings((s) => ({ ...s, lanes: e.target.value === '' ? null : e.target.value }))}>
              <option value="">{result?.laneColumn && settings.lanes === null ? `${result.laneColumn} (default)` : 'default'}</option>
              {format.runColumns.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </label>
          {selected && (
            <button type="button" className="small" data-testid="timeline-open-waterfall" onClick={onWaterfall} title="Show this run's steps on the time axis">
              Waterfall of {selected.name ?? selected.id}
            </button>
          )}
        </>
      )}
      <input type="search" className="timeline-search" data-testid="timeline-search" placeholder="Highlight…" aria-label="Highlight bars whose name contains (Enter: go to the next match)"
        value={settings.search} onChange={(e) => onSettings((s) => ({ ...s, search: e.target.value }))}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onJump();
          }
        }} />
      {matchCount !== null && <span className="muted timeline-matches" data-testid="timeline-match-count">{matchCount.toLocaleString()} {matchCount === 1 ? 'match' : 'matches'}</span>}
      <label className="timeline-check">
        <input type="checkbox" data-testid="timeline-matches-only" checked={settings.matchesOnly} onChange={(e) => onSettings((s) => ({ ...s, matchesOnly: e.target.checked }))} />
        Matches only
      </label>
      {!opened && viewScale && (
        <button type="button" className="small" data-testid="timeline-set-window" title="Show only the runs in the time on screen, here and in the runs view"
          onClick={() => onViewChange((v) => setWindow(v, windowOf(viewScale.fromMs, viewScale.toMs)))}>
          Window = view
        </button>
      )}
      <span className="spacer" />
      {loading && <span className="muted timeline-loading" data-testid="timeline-busy">loading…</span>}
      <Legend />
      <ExportButton subject={subject} title={withShortcut('Export the runs in the window as CSV', 'export')} testId="timeline-export" />
      <SavePictureButton onSave={onSavePicture} />
    </div>
  );
}

/** The picked run as the button names it: its start on the chosen clock when the label is a time, else the label. */
function compareTitle(label: string, zone: TimeZoneMode): string {
  // Stored texts such as `2025-08-05 15:16:52.215000+00:00`: a T, and milliseconds, as Date.parse reads them.
  const ms = Date.parse(label.replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1'));
  if (Number.isNaN(ms)) {
    return label;
  }
  const offset = zone === 'utc' ? 0 : machineOffset(ms);
  return `the run of ${wallText(ms, offset)} ${zoneText(offset)}`;
}

function Legend() {
  return (
    <span className="timeline-legend" aria-label="Status legend">
      {STATUS_CLASSES.map((s) => (
        <span key={s} className={`timeline-legend-item legend-${STATUS_STYLES[s].pattern}`} title={`${STATUS_STYLES[s].word}: ${STATUS_STYLES[s].pattern.replace('-', ' ')}`}>
          <span className="timeline-swatch" style={{ background: STATUS_STYLES[s].fill, borderColor: STATUS_STYLES[s].stroke }} aria-hidden="true" />
          {STATUS_STYLES[s].glyph} {STATUS_STYLES[s].word}
        </span>
      ))}
    </span>
  );
}

/**
 * The timeline of one format: the overview minimap, the timeline's own toolbar (lanes, search,
 * "matches only", the window, a run's waterfall controls), the plot, and the selected run's
 * steps beneath it as in the runs view. What it shows is the runs session's filters; brushing
 * the overview sets the session's time window, so the runs grid, facets and export follow.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { FormatSummary } from '../../../../shared/api/contract';
import type { TimelineBar } from '../../../../shared/model/timeline';
import { ensureAll } from '../../../../shared/timeline/bar-layout';
import { groupIds, laneRows } from '../../../../shared/timeline/lane-rows';
import { runFocus } from '../../../../shared/timeline/run-focus';
import type { TimeScale } from '../../../../shared/timeline/time-scale';
import { fitScale, timeScale } from '../../../../shared/timeline/time-scale';
import { useReportError } from '../../../app/error-context';
import { useOpenStore } from '../../../app/store-context';
import { useApiCall } from '../../../app/use-api-call';
import type { GridRow } from '../../../grid/grid-row';
import { RunDetailPane } from '../run-detail-pane';
import type { RunsViewState } from '../runs-session';
import { filterQuery, setWindow } from '../runs-session';
import type { TimeZoneMode } from '../time-display';
import { machineOffset } from '../time-display';
import { windowOf } from '../time-window';
import { CompareWaterfalls } from './compare-waterfalls';
import { Minimap } from './minimap';
import { announce } from './announce';
import { LABEL_W, TimelinePlot, barAt } from './timeline-plot';
import type { TimelineSettings } from './timeline-settings';
import { TimelineToolbar } from './timeline-toolbar';
import type { PictureKind } from './save-picture-file';
import { pictureFileName, savePicture } from './save-picture-file';
import { barRow, keyText } from './bar-row';
import { useDark } from './use-dark';
import { usePackedBars } from './use-packed-bars';
import { askWidthPx, useTimelineData } from './use-timeline-data';

/** The timeline view of a format. */
export function TimelineView({ format, view, onViewChange, zone, settings, onSettings, onOpenTab }: {
  readonly format: FormatSummary;
  readonly view: RunsViewState;
  readonly onViewChange: (update: (v: RunsViewState) => RunsViewState) => void;
  readonly zone: TimeZoneMode;
  readonly settings: TimelineSettings;
  readonly onSettings: (update: (s: TimelineSettings) => TimelineSettings) => void;
  readonly onOpenTab: (bar: TimelineBar) => void;
}) {
  const dark = useDark();
  const host = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1_200);
  useLayoutEffect(() => {
    const el = host.current;
    if (!el) {
      return undefined;
    }
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);
  const plotW = Math.max(100, width - LABEL_W);
  const opened = settings.opened;
  // The timeline draws its own window; the filter window narrows the runs view, not the lanes.
  const query = useMemo(() => ({ ...filterQuery(view), window: undefined }), [view]);
  const ask = useMemo(() => ({ format: format.key, query, runKey: opened?.runKey ?? null, lanes: opened ? null : settings.lanes, widthPx: plotW }),
    [format.key, query, opened, settings.lanes, plotW]);
  const [scale, setScale] = useState<TimeScale | null>(null);
  const data = useTimelineData(ask, scale);
  // Comparing the opened run (A) with another run of its name (B): B's whole waterfall.
  const { storeId } = useOpenStore();
  const comparing = opened ? settings.compare ?? null : null;
  const other = useApiCall('timeline.get', comparing ? {
    storeId, format: format.key, query, runKey: [...comparing.runKey], lanes: null, window: null, widthPx: askWidthPx(plotW),
  } : null, { cancellable: true, report: 'Reading the run to compare with' });
  const overview = data.overview;
  const full = overview?.window ?? null;
  const extent = useMemo(() => (full ? fitScale(full.fromMs, full.toMs, plotW, 0.02) : null), [full, plotW]);
  const bounds = useMemo(() => (extent ? { minMs: extent.fromMs, maxMs: extent.toMs } : { minMs: 0, maxMs: 0 }), [extent]);
  const filterWindow = useMemo(() => (view.window ? { fromMs: Date.parse(view.window.from), toMs: Date.parse(view.window.to) } : null), [view.window]);

  // A new overview (format, lanes, run, filters) fits the filter window when there is one, else everything.
  const identity = JSON.stringify([format.key, opened?.runKey ?? null, full?.fromMs ?? null, full?.toMs ?? null]);
  const fitted = useRef<string | null>(null);
  useEffect(() => {
    if (!extent || fitted.current === identity) {
      return;
    }
    fitted.current = identity;
    // A waterfall first shows the run and its steps, not nested runs days away (`0` shows them all).
    const focus = opened && overview ? runFocus(overview, Date.now()) : null;
    setScale(filterWindow && !opened ? fitScale(filterWindow.fromMs, filterWindow.toMs, plotW)
      : focus ? fitScale(focus.fromMs, focus.toMs, plotW) : extent);
  }, [identity, extent, filterWindow, opened, plotW, overview]);

  const [nowMs, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(t);
  }, []);
  const shown = data.shown;
  // Lanes are packed as they come on screen: the first frame packs only what it draws.
  const packed = usePackedBars(shown, nowMs);
  const rows = useMemo(() => (shown ? laneRows(shown, {
    collapsed: new Set(settings.collapsed), search: settings.search, matchesOnly: settings.matchesOnly,
    minDurationMs: opened ? settings.minDurationMs : 0,
  }) : []), [shown, settings.collapsed, settings.search, settings.matchesOnly, settings.minDurationMs, opened]);
  const groups = useMemo(() => groupIds(rows), [rows]);
  const matches = useMemo(() => {
    const needle = settings.search.trim().toLowerCase();
    if (!shown || !packed || needle === '') {
      return null;
    }
    const out = new Set<number>();
    ensureAll(packed);
    for (let i = 0; i < packed.count; i++) {
      const b = barAt(shown, packed, i);
      const lane = shown.lanes[packed.lane[i] ?? 0];
      if (b && ((b.name ?? '').toLowerCase().includes(needle) || b.id.toLowerCase().includes(needle) || (lane?.label ?? '').toLowerCase().includes(needle))) {
        out.add(i);
      }
    }
    return out;
  }, [shown, packed, settings.search]);
  const critical = useMemo(() => new Set(opened && settings.criticalPath ? shown?.criticalPath ?? [] : []), [opened, settings.criticalPath, shown]);

  // The selection is kept by bar id and run, so a refetch (zoom) keeps it on the same bar.
  const [selectedId, setSelectedId] = useState<{ readonly id: string; readonly key: string } | null>(null);
  const selected = useMemo(() => {
    if (!selectedId || !shown || !packed) {
      return -1;
    }
    ensureAll(packed);
    for (let i = 0; i < packed.count; i++) {
      const b = barAt(shown, packed, i);
      if (b && b.id === selectedId.id && JSON.stringify(b.runKey) === selectedId.key) {
        return i;
      }
    }
    return -1;
  }, [selectedId, shown, packed]);
  const selectedBar = shown && packed ? barAt(shown, packed, selected) : null;
  const [liveText, setLiveText] = useState('');
  const onSelect = useCallback((i: number) => {
    const b = shown && packed ? barAt(shown, packed, i) : null;
    setSelectedId(b ? { id: b.id, key: JSON.stringify(b.runKey) } : null);
    setLiveText(b ? announce(b, zone, Date.now(), opened ? 'step' : 'run') : 'Selection cleared');
  }, [shown, packed, zone, opened]);

  const onOpen = (i: number): void => {
    const b = shown && packed ? barAt(shown, packed, i) : null;
    if (!b) {
      return;
    }
    const lane = shown?.lanes[packed?.lane[i] ?? 0];
    if (!opened) {
      onOpenTab(b);
    } else if (lane?.kind === 'child') {
      openWaterfall(b);
    }
  };
  const openWaterfall = (b: TimelineBar): void => {
    setSelectedId(null);
    setScale(null);
    onSettings((s) => ({ ...s, opened: { runKey: b.runKey, title: b.name ?? b.id }, collapsed: [], compare: null }));
  };
  const closeWaterfall = (): void => {
    setSelectedId(null);
    setScale(null);
    onSettings((s) => ({ ...s, opened: null, compare: null }));
  };
  const brush = (fromMs: number, toMs: number): void => {
    setScale(fitScale(fromMs, toMs, plotW, 0));
    if (!opened) {
      onViewChange((v) => setWindow(v, windowOf(fromMs, toMs)));
    }
  };
  const fitAll = (): void => {
    if (extent) {
      setScale(extent);
    }
  };
  const fitSelection = (): void => {
    if (selectedBar) {
      const end = selectedBar.running ? nowMs : (selectedBar.endMs ?? selectedBar.startMs + 1_000);
      setScale(fitScale(selectedBar.startMs, Math.max(end, selectedBar.startMs + 10), plotW, 0.1));
    }
  };
  const onScale = useCallback((s: TimeScale) => setScale(s), []);
  // Enter in the search box: select the next match in time order and bring it into view.
  const jumpToMatch = (): void => {
    if (!matches || matches.size === 0 || !shown || !packed) {
      return;
    }
    const order = [...matches].sort((a, b) => (packed.start[a] ?? 0) - (packed.start[b] ?? 0));
    const after = selected >= 0 ? order.findIndex((i) => (packed.start[i] ?? 0) > (packed.start[selected] ?? 0)) : 0;
    const next = order[after < 0 ? 0 : after] ?? -1;
    const b = barAt(shown, packed, next);
    if (b) {
      onSelect(next);
      const end = b.running ? nowMs : (b.endMs ?? b.startMs + 1_000);
      setScale(fitScale(b.startMs, Math.max(end, b.startMs + 10), plotW, 1));
    }
  };
  const offsetMin = zone === 'utc' ? 0 : machineOffset(scale ? (scale.fromMs + scale.toMs) / 2 : nowMs);
  const detailRow: GridRow | null = !opened && selectedBar ? barRow(selectedBar, nowMs) : null;
  // The picture is what is on screen: the answer shown, in the window the view shows, drawn by
  // the same shared writer as `auditlens timeline --out x.svg`.
  const report = useReportError();
  const { title: storeTitle } = useOpenStore();
  const savePictureAs = shown && scale ? (kind: PictureKind): void => {
    const name = opened ? `run-${shown.run?.name ?? 'waterfall'}` : format.title;
    const options = { zone, widthPx: 1_600, title: format.title, source: storeTitle, nowMs, window: { fromMs: scale.fromMs, toMs: scale.toMs } };
    savePicture(kind, shown, options, pictureFileName(name, scale.fromMs, kind), window.devicePixelRatio >= 2 ? 2 : 1)
      .catch((e: unknown) => report({ code: 'io', message: e instanceof Error ? e.message : String(e) }, 'Saving the timeline picture'));
  } : undefined;

  return (
    <div className="timeline-view" ref={host} data-testid="timeline-view" data-format={format.id} data-loading={data.loading}
      data-waterfall={opened ? 'true' : 'false'} data-comparing={comparing ? 'true' : 'false'} data-total={shown?.total ?? ''} data-lanes={shown?.lanes.length ?? ''}
      data-window-from={view.window?.from ?? ''} data-window-to={view.window?.to ?? ''}>
      <TimelineToolbar
        format={format}
        settings={settings}
        onSettings={onSettings}
        result={shown}
        opened={opened}
        onBack={closeWaterfall}
        selected={selectedBar}
        onWaterfall={() => selectedBar && openWaterfall(selectedBar)}
        view={view}
        viewScale={scale}
        onViewChange={onViewChange}
        groups={groups}
        onJump={jumpToMatch}
        matchCount={matches?.size ?? null}
        loading={data.loading || other.loading}
        onSavePicture={comparing ? undefined : savePictureAs}
        zone={zone}
      />
      {extent && overview && scale && !comparing && (
        <div className="timeline-minimap-row" style={{ paddingLeft: LABEL_W }}>
          <Minimap overview={overview} extent={extent} view={scale} window={opened ? null : filterWindow} widthPx={plotW} dark={dark} nowMs={nowMs}
            onBrush={brush} onCenter={(ms) => setScale((s) => (s ? timeScale(ms - (s.toMs - s.fromMs) / 2, ms + (s.toMs - s.fromMs) / 2, s.widthPx) : s))} />
        </div>
      )}
      <div className="timeline-main">
        {data.error !== null || other.error !== null ? (
          <div className="empty-main muted" data-testid="timeline-error">{data.error ?? other.error?.message}</div>
        ) : comparing && opened ? (
          overview && other.value ? (
            <CompareWaterfalls a={overview} b={other.value} titleA={keyText(opened.runKey)} titleB={keyText(comparing.runKey)} width={width}
              minDurationMs={settings.minDurationMs} nowMs={nowMs} offsetMin={offsetMin} />
          ) : (
            <div className="empty-main muted" data-testid="timeline-loading">Reading the two runs…</div>
          )
        ) : shown && packed && scale ? (
          shown.window === null ? (
            <div className="empty-main muted" data-testid="timeline-empty">Nothing here has a start time{shown.untimed > 0 ? ` (${shown.untimed.toLocaleString()} ${shown.items ?? 'runs'} have no start time)` : ''}.</div>
          ) : (
            <TimelinePlot
              result={shown} packed={packed} rows={rows} scale={scale} bounds={bounds} onScale={onScale}
              selected={selected} onSelect={onSelect} onOpen={onOpen} onFitAll={fitAll} onFitSelection={fitSelection}
              onToggleGroup={(id) => onSettings((s) => ({ ...s, collapsed: s.collapsed.includes(id) ? s.collapsed.filter((c) => c !== id) : [...s.collapsed, id] }))}
              matches={matches} critical={critical} window={opened ? null : filterWindow} dark={dark} zone={zone} offsetMin={offsetMin} nowMs={nowMs}
              label={opened ? 'Steps' : `Lanes by ${shown.laneColumn ?? 'lane'}`}
            />
          )
        ) : (
          <div className="empty-main muted" data-testid="timeline-loading">Reading the timeline…</div>
        )}
      </div>
      {detailRow && (
        <div className="timeline-detail">
          <RunDetailPane
            key={JSON.stringify(detailRow.key)}
            format={format}
            run={detailRow}
            zone={zone}
            active
            stepsHidden={view.stepsHidden}
            onStepsHiddenChange={(stepsHidden) => onViewChange((v) => ({ ...v, stepsHidden }))}
            onOpenTab={() => selectedBar && onOpenTab(selectedBar)}
            onClose={() => onSelect(-1)}
          />
        </div>
      )}
      <div className="sr-only" aria-live="polite" data-testid="timeline-announce">{liveText}</div>
      {shown && shown.untimed > 0 && (
        <div className="timeline-note muted" data-testid="timeline-untimed">{shown.untimed.toLocaleString()} {shown.items ?? 'runs'} have no start time and are not drawn.</div>
      )}
    </div>
  );
}

/**
 * The rows of a timeline: a virtualized label column (only the rows on screen are elements) and
 * one canvas drawing the ruler and the bars of those rows. Pointer: hover shows a tooltip, click
 * selects, double-click opens, drag pans, Ctrl+wheel zooms, Shift+wheel pans, wheel scrolls rows
 * (or zooms when they all fit). Keys on the focused canvas: + - zoom, ← → pan, ↑ ↓ select in the
 * lane above or below, Enter opens, 0 fits all, F fits the selection, Escape clears it.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { TimelineBar, TimelineResult } from '../../../../shared/model/timeline';
import type { PackedBars } from '../../../../shared/timeline/bar-layout';
import { hitBar } from '../../../../shared/timeline/bar-layout';
import type { LaneRow } from '../../../../shared/timeline/lane-rows';
import { visibleRows } from '../../../../shared/timeline/lane-rows';
import type { ScaleBounds, TimeScale } from '../../../../shared/timeline/time-scale';
import { panBy, timeOf, withWidth, xOf, zoomAt } from '../../../../shared/timeline/time-scale';
import { pixelRatio, sizeCanvas } from '../../../components/canvas/canvas-setup';
import { PanCache } from '../../../components/canvas/pan-cache';
import { PINNED_BAND, ROW_H, RULER_H, drawFrame, panKey } from './draw-timeline';
import { BarTooltip } from './bar-tooltip';
import type { TimeZoneMode } from '../time-display';

/** Width of the label column, CSS pixels. */
export const LABEL_W = 220;

/** What the plot draws and how it answers. */
export interface PlotProps {
  readonly result: TimelineResult;
  readonly packed: PackedBars;
  readonly rows: readonly LaneRow[];
  readonly scale: TimeScale;
  readonly bounds: ScaleBounds;
  readonly onScale: (s: TimeScale) => void;
  /** Packed index of the selected bar, -1 for none. */
  readonly selected: number;
  readonly onSelect: (bar: number) => void;
  readonly onOpen: (bar: number) => void;
  readonly onFitSelection: () => void;
  readonly onFitAll: () => void;
  readonly onToggleGroup: (id: string) => void;
  readonly matches: ReadonlySet<number> | null;
  readonly critical: ReadonlySet<string>;
  readonly window: { readonly fromMs: number; readonly toMs: number } | null;
  readonly dark: boolean;
  readonly zone: TimeZoneMode;
  readonly offsetMin: number;
  readonly nowMs: number;
  readonly label: string;
}

/** The bar a packed index stands for. */
export function barAt(result: TimelineResult, packed: PackedBars, i: number): TimelineBar | null {
  if (i < 0 || i >= packed.count) {
    return null;
  }
  return result.lanes[packed.lane[i] ?? 0]?.bars[packed.src[i] ?? 0] ?? null;
}

/** The plot. */
export function TimelinePlot(p: PlotProps) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  // The last frame's pixels, moved while panning (only the exposed strip is drawn again).
  const panCache = useRef(new PanCache());
  const labels = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ w: 800, h: 300 });
  const [scrollTop, setScrollTop] = useState(0);
  const [hover, setHover] = useState<{ readonly bar: number; readonly x: number; readonly y: number } | null>(null);
  const drag = useRef<{ readonly x: number; readonly scale: TimeScale; moved: boolean } | null>(null);
  const plotW = Math.max(100, size.w - LABEL_W);
  const { scale, onScale } = p;

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) {
      return undefined;
    }
    const ro = new ResizeObserver(() => setSize({ w: el.clientWidth, h: el.clientHeight }));
    ro.observe(el);
    setSize({ w: el.clientWidth, h: el.clientHeight });
    return () => ro.disconnect();
  }, []);

  // The plot owns the scale's width: a resize keeps the window and changes the pixels.
  useEffect(() => {
    if (Math.abs(scale.widthPx - plotW) > 0.5) {
      onScale(withWidth(scale, plotW));
    }
  }, [plotW, scale, onScale]);

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d', { alpha: false });
    if (!el || !ctx) {
      return undefined;
    }
    const frame = requestAnimationFrame(() => {
      const dpr = pixelRatio();
      if (sizeCanvas(el, plotW, size.h, dpr)) {
        panCache.current.reset();
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const f = {
        widthPx: plotW, heightPx: size.h, scale: withWidth(scale, plotW), result: p.result, packed: p.packed, rows: p.rows,
        scrollTop, dark: p.dark, offsetMin: p.offsetMin, nowMs: p.nowMs, selected: p.selected, matches: p.matches,
        critical: p.critical, window: p.window,
      };
      const k = panKey(f, dpr);
      const strips = panCache.current.next(ctx, k.key, k.offsetPx, Math.round(PINNED_BAND * dpr));
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      drawFrame(ctx, f, strips === null ? null : strips.map((st) => ({ x: st.x / dpr, w: st.w / dpr })));
    });
    return () => cancelAnimationFrame(frame);
  }, [p.result, p.packed, p.rows, scale, plotW, size.h, scrollTop, p.dark, p.offsetMin, p.nowMs, p.selected, p.matches, p.critical, p.window]);

  const rowAtY = (y: number): number => Math.floor((y - RULER_H + scrollTop) / ROW_H);
  const hitAt = (x: number, y: number): number => {
    const r = p.rows[rowAtY(y)];
    return y > RULER_H && r?.kind === 'lane' ? hitBar(p.packed, scale, r.lane, x) : -1;
  };
  const local = (e: { clientX: number; clientY: number }, el: Element): { x: number; y: number } => {
    const b = el.getBoundingClientRect();
    return { x: e.clientX - b.left, y: e.clientY - b.top };
  };
  const overflow = RULER_H + p.rows.length * ROW_H > size.h;

  // Wheel listeners must not be passive to keep the page from scrolling while zooming.
  useEffect(() => {
    const el = canvas.current;
    if (!el) {
      return undefined;
    }
    const onWheel = (e: WheelEvent): void => {
      const { x } = local(e, el);
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        e.preventDefault();
        onScale(panBy(scale, (e.shiftKey ? e.deltaY : 0) + e.deltaX, p.bounds));
      } else if (e.ctrlKey || e.metaKey || !overflow) {
        e.preventDefault();
        onScale(zoomAt(scale, Math.exp(e.deltaY * 0.0025), x, p.bounds));
      } else if (labels.current) {
        e.preventDefault();
        labels.current.scrollTop += e.deltaY;
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [scale, onScale, p.bounds, overflow]);

  const selectInLane = (delta: number): void => {
    const cur = p.selected;
    const curLane = cur >= 0 ? (p.packed.lane[cur] ?? 0) : -1;
    const laneRows = p.rows.flatMap((r, i) => (r.kind === 'lane' ? [{ lane: r.lane, row: i }] : []));
    const at = laneRows.findIndex((r) => r.lane === curLane);
    const next = laneRows[at < 0 ? 0 : Math.max(0, Math.min(laneRows.length - 1, at + delta))];
    if (!next) {
      return;
    }
    const mid = cur >= 0 ? ((p.packed.start[cur] ?? 0) + (p.packed.end[cur] ?? 0)) / 2 : (scale.fromMs + scale.toMs) / 2;
    const bar = hitBar(p.packed, scale, next.lane, xOf(scale, mid), 1e9);
    if (bar >= 0) {
      p.onSelect(bar);
      const top = next.row * ROW_H;
      const el = labels.current;
      if (el && (top < el.scrollTop || top + ROW_H > el.scrollTop + size.h - RULER_H)) {
        el.scrollTop = top - (size.h - RULER_H) / 2;
      }
    }
  };
  const onKey = (e: React.KeyboardEvent): void => {
    const step = plotW / 8;
    const keys: Record<string, () => void> = {
      '+': () => onScale(zoomAt(scale, 0.5, plotW / 2, p.bounds)),
      '=': () => onScale(zoomAt(scale, 0.5, plotW / 2, p.bounds)),
      '-': () => onScale(zoomAt(scale, 2, plotW / 2, p.bounds)),
      _: () => onScale(zoomAt(scale, 2, plotW / 2, p.bounds)),
      ArrowLeft: () => onScale(panBy(scale, -step, p.bounds)),
      ArrowRight: () => onScale(panBy(scale, step, p.bounds)),
      ArrowUp: () => selectInLane(-1),
      ArrowDown: () => selectInLane(1),
      Enter: () => (p.selected >= 0 ? p.onOpen(p.selected) : selectInLane(0)),
      '0': p.onFitAll,
      f: p.onFitSelection,
      F: p.onFitSelection,
      Escape: () => p.onSelect(-1),
    };
    const act = e.ctrlKey || e.metaKey || e.altKey ? undefined : keys[e.key];
    if (act) {
      e.preventDefault();
      e.stopPropagation();
      act();
    }
  };

  const vis = visibleRows(p.rows.length, ROW_H, scrollTop, size.h - RULER_H);
  const selLane = p.selected >= 0 ? (p.packed.lane[p.selected] ?? -1) : -1;
  const hovered = hover ? barAt(p.result, p.packed, hover.bar) : null;
  return (
    <div className="timeline-plot" ref={box}>
      <div className="timeline-labels" ref={labels} style={{ width: LABEL_W }} data-testid="timeline-labels"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div className="timeline-labels-head" style={{ height: RULER_H }}>{p.label}</div>
        <div style={{ height: p.rows.length * ROW_H, position: 'relative' }} role="list" aria-label="Lanes">
          {p.rows.slice(vis.first, vis.last).map((r, k) => {
            const i = vis.first + k;
            const style = { top: i * ROW_H, height: ROW_H };
            if (r.kind === 'group') {
              return (
                <button key={`g-${r.id}`} type="button" role="listitem" className="timeline-group" style={style} data-testid="timeline-group"
                  aria-expanded={!r.collapsed} onClick={() => p.onToggleGroup(r.id)}>
                  <span aria-hidden="true">{r.collapsed ? '▸' : '▾'}</span> {r.label} <span className="muted">({r.count})</span>
                </button>
              );
            }
            const lane = p.result.lanes[r.lane];
            return (
              <div key={`l-${r.lane}`} role="listitem" className={`timeline-lane${r.lane === selLane ? ' selected' : ''}`} style={{ ...style, paddingLeft: 8 + r.depth * 14 }}
                data-testid="timeline-lane" title={`${lane?.label ?? ''} · ${lane?.count ?? 0}`}>
                <span className="timeline-lane-label">{lane?.label}</span>
                <span className="timeline-lane-count muted">{(lane?.count ?? 0) > 1 ? lane?.count.toLocaleString() : ''}</span>
              </div>
            );
          })}
        </div>
      </div>
      <canvas
        ref={canvas}
        className="timeline-canvas"
        data-testid="timeline-canvas"
        tabIndex={0}
        role="application"
        aria-label="Timeline: + and - zoom, arrows pan and move the selection, 0 fits all, F fits the selection, Enter opens"
        style={{ width: plotW, height: size.h }}
        onKeyDown={onKey}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          e.currentTarget.focus();
          drag.current = { x: e.clientX, scale, moved: false };
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          if (d && (d.moved || Math.abs(e.clientX - d.x) > 3)) {
            d.moved = true;
            setHover(null);
            onScale(panBy(d.scale, d.x - e.clientX, p.bounds));
            return;
          }
          const { x, y } = local(e, e.currentTarget);
          const bar = hitAt(x, y);
          setHover(bar < 0 ? null : { bar, x, y });
        }}
        onPointerUp={(e) => {
          const d = drag.current;
          drag.current = null;
          if (d && !d.moved) {
            const { x, y } = local(e, e.currentTarget);
            p.onSelect(hitAt(x, y));
          }
        }}
        onPointerLeave={() => setHover(null)}
        onDoubleClick={(e) => {
          const { x, y } = local(e, e.currentTarget);
          const bar = hitAt(x, y);
          if (bar >= 0) {
            p.onOpen(bar);
          }
        }}
      />
      {hovered && hover && (
        <BarTooltip bar={hovered} zone={p.zone} nowMs={p.nowMs} left={LABEL_W + hover.x} top={hover.y} maxLeft={size.w} />
      )}
      <span hidden data-testid="timeline-scale" data-from={new Date(scale.fromMs).toISOString()} data-to={new Date(scale.toMs).toISOString()} data-time-at-center={new Date(timeOf(scale, plotW / 2)).toISOString()} />
    </div>
  );
}

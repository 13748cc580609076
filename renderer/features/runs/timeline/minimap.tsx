/**
 * The brush-zoom overview of the whole filtered range: item density per pixel column (failures
 * on top, in their own hatch-free red so they show at any size), drawn once per answer and
 * width into a cached bitmap; the view's window and the filter window are drawn over it on each
 * frame. Dragging brushes a window (zooms there and filters by it); a click centres the view.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TimelineResult } from '../../../../shared/model/timeline';
import { minimapBins } from '../../../../shared/timeline/minimap-bins';
import { STATUS_STYLES } from '../../../../shared/timeline/status-style';
import type { TimeScale } from '../../../../shared/timeline/time-scale';
import { timeOf, xOf } from '../../../../shared/timeline/time-scale';
import { pixelRatio, sizeCanvas } from '../../../components/canvas/canvas-setup';

/** Height of the overview, CSS pixels. */
const MINIMAP_H = 44;

/** The overview. */
export function Minimap({ overview, extent, view, window, widthPx, dark, nowMs, onBrush, onCenter }: {
  readonly overview: TimelineResult;
  /** The whole range, as the overview scale. */
  readonly extent: TimeScale;
  readonly view: TimeScale;
  readonly window: { readonly fromMs: number; readonly toMs: number } | null;
  readonly widthPx: number;
  readonly dark: boolean;
  readonly nowMs: number;
  readonly onBrush: (fromMs: number, toMs: number) => void;
  readonly onCenter: (ms: number) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drag, setDrag] = useState<{ readonly x0: number; readonly x1: number } | null>(null);
  const scale = useMemo(() => ({ ...extent, widthPx }), [extent, widthPx]);
  // The cached bitmap: the density columns, redrawn only for a new answer, width or theme.
  const cached = useMemo(() => {
    if (typeof document === 'undefined' || widthPx < 2) {
      return null;
    }
    const dpr = pixelRatio();
    const bins = minimapBins(overview, scale, nowMs);
    const c = document.createElement('canvas');
    c.width = Math.round(widthPx * dpr);
    c.height = Math.round(MINIMAP_H * dpr);
    const ctx = c.getContext('2d');
    if (!ctx) {
      return null;
    }
    ctx.scale(dpr, dpr);
    const max = Math.max(1, bins.max);
    const ok = dark ? STATUS_STYLES.ok.fillDark : STATUS_STYLES.ok.fill;
    const bad = dark ? STATUS_STYLES.failed.fillDark : STATUS_STYLES.failed.fill;
    for (let i = 0; i < bins.all.length; i++) {
      const n = bins.all[i] ?? 0;
      if (n <= 0) {
        continue;
      }
      const h = Math.max(2, Math.sqrt(n / max) * (MINIMAP_H - 4));
      const fh = ((bins.failed[i] ?? 0) / n) * h;
      ctx.fillStyle = ok;
      ctx.fillRect(i, MINIMAP_H - h, 1, h - fh);
      if (fh > 0) {
        ctx.fillStyle = bad;
        ctx.fillRect(i, MINIMAP_H - h, 1, Math.max(1, fh));
      }
    }
    return c;
    // `nowMs` moves every second; the overview need not follow it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [overview, scale, dark]);

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) {
      return;
    }
    const dpr = pixelRatio();
    // Resized only when the size changes: assigning width or height reallocates the canvas, and this runs on every pan and brush move.
    sizeCanvas(el, widthPx, MINIMAP_H, dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, widthPx, MINIMAP_H);
    if (cached) {
      ctx.drawImage(cached, 0, 0, widthPx, MINIMAP_H);
    }
    // Outside the view: veiled; the view itself: outlined.
    const a = Math.max(0, xOf(scale, view.fromMs));
    const b = Math.min(widthPx, xOf(scale, view.toMs));
    ctx.fillStyle = dark ? 'rgba(0,0,0,0.45)' : 'rgba(246,248,250,0.7)';
    ctx.fillRect(0, 0, a, MINIMAP_H);
    ctx.fillRect(b, 0, widthPx - b, MINIMAP_H);
    ctx.strokeStyle = dark ? '#4493f8' : '#0969da';
    ctx.lineWidth = 1.5;
    ctx.strokeRect(a + 0.75, 0.75, Math.max(2, b - a - 1.5), MINIMAP_H - 1.5);
    if (window) {
      ctx.fillStyle = dark ? 'rgba(68,147,248,0.18)' : 'rgba(9,105,218,0.12)';
      const wa = xOf(scale, window.fromMs);
      ctx.fillRect(wa, 0, xOf(scale, window.toMs) - wa, MINIMAP_H);
    }
    if (drag) {
      ctx.fillStyle = dark ? 'rgba(68,147,248,0.3)' : 'rgba(9,105,218,0.2)';
      ctx.fillRect(Math.min(drag.x0, drag.x1), 0, Math.abs(drag.x1 - drag.x0), MINIMAP_H);
    }
  }, [cached, scale, view, window, drag, widthPx, dark]);

  const xAt = (e: React.PointerEvent): number => {
    const r = e.currentTarget.getBoundingClientRect();
    return Math.max(0, Math.min(widthPx, e.clientX - r.left));
  };
  return (
    <canvas
      ref={canvas}
      className="timeline-minimap"
      data-testid="timeline-minimap"
      style={{ width: widthPx, height: MINIMAP_H }}
      aria-label="Overview of the whole range: drag to choose a time window"
      role="img"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        const x = xAt(e);
        setDrag({ x0: x, x1: x });
      }}
      onPointerMove={(e) => {
        if (drag) {
          setDrag({ ...drag, x1: xAt(e) });
        }
      }}
      onPointerUp={(e) => {
        if (!drag) {
          return;
        }
        const x1 = xAt(e);
        setDrag(null);
        if (Math.abs(x1 - drag.x0) < 3) {
          onCenter(timeOf(scale, x1));
        } else {
          onBrush(timeOf(scale, Math.min(drag.x0, x1)), timeOf(scale, Math.max(drag.x0, x1)));
        }
      }}
    />
  );
}

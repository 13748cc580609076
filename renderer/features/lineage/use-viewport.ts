/**
 * Pan (drag), zoom (wheel, + and -) and fit (0) of the lineage picture, for both drawings. The
 * picture is fitted when a new root is shown and stays put while the user expands around it.
 */
import { useCallback, useEffect, useState, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import type { Bounds } from '../../../shared/lineage/layout-types';
import { fitViewport, zoomAt, type Viewport } from './viewport';

/** The viewport, its setters, and the handlers to spread on the drawing's element. */
export interface ViewportControls {
  readonly viewport: Viewport;
  readonly size: { readonly width: number; readonly height: number };
  readonly setViewport: (v: Viewport) => void;
  readonly fit: () => void;
  readonly zoom: (factor: number) => void;
  /** True while the user drags (the canvas draws its cached bitmap meanwhile). */
  readonly dragging: boolean;
  readonly onPointerDown: (e: ReactPointerEvent) => void;
}

/** Viewport state for an element; `fitKey` changing fits the picture again. */
export function useViewport(ref: RefObject<HTMLElement | null>, bounds: Bounds, fitKey: string): ViewportControls {
  const [size, setSize] = useState({ width: 800, height: 600 });
  const [viewport, setViewport] = useState<Viewport>({ tx: 0, ty: 0, scale: 1 });
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    const el = ref.current;
    if (el === null) {
      return undefined;
    }
    const observer = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    observer.observe(el);
    setSize({ width: el.clientWidth, height: el.clientHeight });
    return () => observer.disconnect();
  }, [ref]);

  const fit = useCallback(() => {
    const el = ref.current;
    if (el !== null) {
      setViewport(fitViewport(bounds, el.clientWidth, el.clientHeight));
    }
  }, [ref, bounds]);
  // Fitted only when `fitKey` changes: an expand changes the bounds but keeps the view where it is.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(fit, [fitKey]);

  const zoom = useCallback((factor: number) => setViewport((v) => zoomAt(v, factor, size.width / 2, size.height / 2)), [size]);

  useEffect(() => {
    const el = ref.current;
    if (el === null) {
      return undefined;
    }
    const onWheel = (e: WheelEvent): void => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      setViewport((v) => zoomAt(v, Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top));
    };
    // Not passive: the wheel zooms the picture instead of scrolling the page.
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [ref]);

  const onPointerDown = useCallback((e: ReactPointerEvent) => {
    if (e.button !== 0 || (e.target instanceof Element && e.target.closest('[data-drag="no"]') !== null)) {
      return;
    }
    const startX = e.clientX;
    const startY = e.clientY;
    let last = { x: startX, y: startY };
    const move = (m: PointerEvent): void => {
      const dx = m.clientX - last.x;
      const dy = m.clientY - last.y;
      last = { x: m.clientX, y: m.clientY };
      if (Math.abs(m.clientX - startX) + Math.abs(m.clientY - startY) > 3) {
        setDragging(true);
      }
      setViewport((v) => ({ ...v, tx: v.tx + dx, ty: v.ty + dy }));
    };
    const up = (): void => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      setDragging(false);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  }, []);

  return { viewport, size, setViewport, fit, zoom, dragging, onPointerDown };
}

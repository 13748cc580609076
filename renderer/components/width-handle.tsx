import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { clampWidth } from './split-size';
import './panes.css';

/**
 * The left edge of a side panel, dragged (or moved with the arrow keys when focused) to change
 * the panel's width; the panel keeps the width, this only reports the one asked for, clamped so
 * the part beside it keeps `minOther` pixels of the parent.
 */
export function WidthHandle({ onWidth, min = 220, minOther = 260, label, testId }: {
  readonly onWidth: (width: number) => void;
  readonly min?: number;
  readonly minOther?: number;
  readonly label: string;
  readonly testId?: string;
}) {
  const drag = useRef<{ readonly x: number; readonly width: number } | null>(null);
  const el = useRef<HTMLDivElement>(null);
  // The panel's width as laid out (it may still be its CSS default, a share of the room).
  const width = (): number => el.current?.parentElement?.getBoundingClientRect().width ?? min;
  const total = (): number => el.current?.parentElement?.parentElement?.getBoundingClientRect().width ?? width() + minOther;
  const set = (w: number): void => onWidth(clampWidth(w, total(), min, minOther));

  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    if (drag.current) {
      // The panel is on the right: moving the edge left widens it.
      set(drag.current.width + (drag.current.x - e.clientX));
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const step = e.shiftKey ? 64 : 16;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      set(width() + (e.key === 'ArrowLeft' ? step : -step));
    }
  };
  return (
    <div
      ref={el}
      className="width-handle"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      tabIndex={0}
      data-testid={testId}
      title="Drag to resize (or focus and use ← →)"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { x: e.clientX, width: width() };
      }}
      onPointerMove={onPointerMove}
      onPointerUp={() => {
        drag.current = null;
      }}
      onPointerCancel={() => {
        drag.current = null;
      }}
      onKeyDown={onKeyDown}
    />
  );
}

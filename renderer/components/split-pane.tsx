import { useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { clampSplit } from './split-size';
import './panes.css';

/**
 * Two parts stacked top and bottom with a draggable divider (mouse, or arrow keys on the
 * focused divider). Without a second part the first takes all the room.
 */
export function SplitPane({ first, second, initialRatio = 0.55, minFirst = 120, minSecond = 140, label, testId }: {
  readonly first: ReactNode;
  readonly second: ReactNode | null;
  /** The first part's share of the height to start with. */
  readonly initialRatio?: number;
  readonly minFirst?: number;
  readonly minSecond?: number;
  /** What the divider separates, for screen readers. */
  readonly label: string;
  readonly testId?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const [ratio, setRatio] = useState(initialRatio);
  const [dragging, setDragging] = useState(false);
  const total = (): number => host.current?.getBoundingClientRect().height ?? 0;
  const clamp = (r: number): number => clampSplit(r, total(), minFirst, minSecond);

  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    const rect = host.current?.getBoundingClientRect();
    if (dragging && rect && rect.height > 0) {
      setRatio(clamp((e.clientY - rect.top) / rect.height));
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const step = e.shiftKey ? 0.1 : 0.03;
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      setRatio((r) => clamp(r + (e.key === 'ArrowUp' ? -step : step)));
    }
  };

  if (second === null) {
    return (
      <div className="split" ref={host} data-testid={testId}>
        <div className="split-part only">{first}</div>
      </div>
    );
  }
  const percent = Math.round(ratio * 1000) / 10;
  return (
    <div className="split" ref={host} data-testid={testId}>
      <div className="split-part" style={{ flex: `0 0 ${percent}%` }}>{first}</div>
      <div
        className={`split-divider${dragging ? ' dragging' : ''}`}
        role="separator"
        aria-orientation="horizontal"
        aria-label={label}
        aria-valuenow={Math.round(percent)}
        aria-valuemin={0}
        aria-valuemax={100}
        tabIndex={0}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          setDragging(true);
        }}
        onPointerMove={onPointerMove}
        onPointerUp={() => setDragging(false)}
        onPointerCancel={() => setDragging(false)}
        onKeyDown={onKeyDown}
      />
      <div className="split-part" style={{ flex: '1 1 0' }}>{second}</div>
    </div>
  );
}

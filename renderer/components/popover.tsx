import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/** Where a popover hangs from: the rectangle of the control that opened it. */
export interface Anchor {
  readonly left: number;
  readonly top: number;
  readonly bottom: number;
  readonly right: number;
}

/** The anchor of an element, read when it is clicked. */
export function anchorOf(el: Element): Anchor {
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, bottom: r.bottom, right: r.right };
}

/**
 * A floating panel under its anchor, kept inside the window. It closes on Escape and on a
 * press outside it; Escape stops there so panels behind it (the row detail) stay open.
 */
export function Popover({ anchor, onClose, label, testId, className, children }: {
  readonly anchor: Anchor;
  readonly onClose: () => void;
  readonly label: string;
  readonly testId?: string;
  /** Extra class for a panel that needs its own size (the load problems list). */
  readonly className?: string;
  readonly children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ left: anchor.left, top: anchor.bottom + 4 });

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) {
      return;
    }
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    const left = Math.max(8, Math.min(anchor.left, window.innerWidth - w - 8));
    const below = anchor.bottom + 4;
    const top = below + h > window.innerHeight - 8 ? Math.max(8, anchor.top - h - 4) : below;
    setPos({ left, top });
    // With nothing to focus yet (content still loading) the panel itself takes focus, so Escape reaches it.
    (el.querySelector<HTMLElement>('[data-autofocus]') ?? el.querySelector<HTMLElement>('input, select, button') ?? el).focus();
  }, [anchor]);

  useEffect(() => {
    const onDown = (e: PointerEvent): void => {
      if (ref.current && e.target instanceof Node && !ref.current.contains(e.target)) {
        onClose();
      }
    };
    document.addEventListener('pointerdown', onDown, true);
    return () => document.removeEventListener('pointerdown', onDown, true);
  }, [onClose]);

  return (
    <div
      ref={ref}
      className={className ? `popover ${className}` : 'popover'}
      role="dialog"
      aria-label={label}
      tabIndex={-1}
      data-testid={testId}
      style={{ left: pos.left, top: pos.top }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      {children}
    </div>
  );
}

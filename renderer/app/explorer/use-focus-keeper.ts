/**
 * Keeps the keyboard focus off the page body in the explorer: when the focused element goes away
 * (a closed pane or tab, a format just chosen, a click on a bare toolbar), the focus moves to the
 * grid on screen: its focused cell when it has one, else the header of its first column (focusing
 * a row would select it and open its detail). From there the arrows reach the rows. A user who
 * clicks on bare page has put the focus there on purpose (`/` then goes to the mode's search box
 * rather than a column's filter): that is left alone until the focus moves again.
 */
import { useEffect } from 'react';

/** How often to look: often enough that a key pressed right after a pane closes still reaches the grid. */
const CHECK_MS = 150;

/** True when nothing holds the focus: the body (or no element) is the active one. */
function focusLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || active === document.documentElement;
}

/** The element to focus in the first visible grid that shows rows, or null when none does yet. */
export function gridFocusTarget(root: ParentNode): HTMLElement | null {
  const grids = [...root.querySelectorAll<HTMLElement>('.explorer .grid-host')].filter((g) => g.getClientRects().length > 0);
  for (const grid of grids) {
    const loaded = [...grid.querySelectorAll<HTMLElement>('.ag-row[row-index] .ag-cell')].find((c) => (c.textContent ?? '') !== '');
    if (!loaded) {
      continue;
    }
    return grid.querySelector<HTMLElement>('.ag-cell-focus') ?? grid.querySelector<HTMLElement>('.ag-header-cell[aria-colindex="1"]') ?? loaded;
  }
  return null;
}

/** True when a press lands on something that takes the focus (a control, a grid cell). */
function takesFocus(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('button, a[href], input, select, textarea, [tabindex], [contenteditable="true"]') !== null;
}

/** Moves the focus to the grid whenever it has dropped to the body while the explorer is shown. */
export function useFocusKeeper(): void {
  useEffect(() => {
    // Set by a press on bare page, cleared when anything takes the focus.
    let parked = false;
    const onPointerDown = (e: PointerEvent): void => {
      parked = !takesFocus(e.target);
    };
    const onFocusIn = (): void => {
      parked = false;
    };
    const check = (): void => {
      if (parked || !focusLost() || document.querySelector('dialog[open]') !== null) {
        return;
      }
      gridFocusTarget(document)?.focus();
    };
    const timer = window.setInterval(check, CHECK_MS);
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('focusin', onFocusIn);
    };
  }, []);
}

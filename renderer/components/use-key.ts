import { useEffect, useLayoutEffect, useRef } from 'react';

/** Listens to key presses on the window while `enabled` (a view's own shortcuts while it is on screen). */
export function useKey(enabled: boolean, onKey: (e: KeyboardEvent) => void): void {
  const handler = useRef(onKey);
  useLayoutEffect(() => {
    handler.current = onKey;
  });
  useEffect(() => {
    if (!enabled) {
      return undefined;
    }
    const listener = (e: KeyboardEvent): void => handler.current(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled]);
}

import { useEffect, useEffectEvent } from 'react';

/**
 * Listens to key presses while `enabled` (a view's own shortcuts while it is on screen), on the
 * window by default; listeners on `document` run before the window's, for the same key press.
 */
export function useKey(enabled: boolean, onKey: (e: KeyboardEvent) => void, on: 'window' | 'document' = 'window'): void {
  const handle = useEffectEvent((e: KeyboardEvent) => onKey(e));
  useEffect(() => {
    if (!enabled) {
      return undefined;
    }
    const target: Document | Window = on === 'document' ? document : window;
    const listener = (e: Event): void => {
      if (e instanceof KeyboardEvent) {
        handle(e);
      }
    };
    target.addEventListener('keydown', listener);
    return () => target.removeEventListener('keydown', listener);
  }, [enabled, on]);
}

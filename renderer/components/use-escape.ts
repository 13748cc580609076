import { useEffect, useLayoutEffect, useRef } from 'react';

/**
 * Closes something on Escape while `enabled`. Inner panels listen on `document`, outer ones on
 * `window`, so the innermost open panel closes first: it marks the event handled, and the outer
 * listener (which runs after it) leaves it alone. A popover stops Escape before either sees it.
 */
export function useEscape(enabled: boolean, onEscape: () => void, level: 'inner' | 'outer'): void {
  const handler = useRef(onEscape);
  useLayoutEffect(() => {
    handler.current = onEscape;
  });
  useEffect(() => {
    if (!enabled) {
      return undefined;
    }
    const target: Document | Window = level === 'inner' ? document : window;
    const onKey = (e: Event): void => {
      if (e instanceof KeyboardEvent && e.key === 'Escape' && !e.defaultPrevented) {
        e.preventDefault();
        handler.current();
      }
    };
    target.addEventListener('keydown', onKey);
    return () => target.removeEventListener('keydown', onKey);
  }, [enabled, level]);
}

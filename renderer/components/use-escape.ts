import { useKey } from './use-key';

/**
 * Closes something on Escape while `enabled`. Inner panels listen on `document`, outer ones on
 * `window`, so the innermost open panel closes first: it marks the event handled, and the outer
 * listener (which runs after it) leaves it alone. A popover stops Escape before either sees it;
 * an open modal dialog (the shortcut sheet over the runs) takes it for itself.
 */
export function useEscape(enabled: boolean, onEscape: () => void, level: 'inner' | 'outer'): void {
  useKey(enabled, (e) => {
    if (e.key === 'Escape' && !e.defaultPrevented && document.querySelector('dialog[open]') === null) {
      e.preventDefault();
      onEscape();
    }
  }, level === 'inner' ? 'document' : 'window');
}

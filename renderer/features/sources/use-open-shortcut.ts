import { useEffect } from 'react';

/** Runs `onOpen` on Ctrl+O (Cmd+O on macOS), instead of the browser's own "open file". */
export function useOpenShortcut(onOpen: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'o') {
        e.preventDefault();
        onOpen();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onOpen]);
}

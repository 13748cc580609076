import { useCallback, useEffect, useState } from 'react';
import { ExportDialog } from './export-dialog';
import type { ExportSubject } from './export-subject';

/**
 * The toolbar's "Export CSV…" button and its dialog; Ctrl+E (Cmd+E on macOS) opens it too while
 * the button is on screen. `subject` is rebuilt by the view on every change, so the dialog always
 * describes what the view shows right now.
 */
export function ExportButton({ subject }: { readonly subject: ExportSubject }) {
  const [open, setOpen] = useState(false);
  const show = useCallback(() => setOpen(true), []);
  useExportShortcut(show);
  return (
    <>
      <button type="button" data-testid="export-button" aria-haspopup="dialog" title="Export what the grid shows as CSV (Ctrl+E)" onClick={show}>
        Export CSV…
      </button>
      {open && <ExportDialog subject={subject} onClose={() => setOpen(false)} />}
    </>
  );
}

/** Runs `onOpen` on Ctrl+E / Cmd+E, instead of the browser's own use of it (the search bar). */
function useExportShortcut(onOpen: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'e') {
        e.preventDefault();
        onOpen();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onOpen]);
}

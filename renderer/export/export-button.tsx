import { useCallback, useEffect, useState } from 'react';
import { ExportDialog } from './export-dialog';
import type { ExportSubject } from './export-subject';
import { withShortcut } from '../app/shortcuts';

/**
 * An export button and its dialog: by default the toolbar's "Export CSV…", which Ctrl+E (Cmd+E on
 * macOS) opens too while it is on screen. `subject` is rebuilt by the view on every change, so the
 * dialog always describes what the view shows right now. Only one button on a screen may own the
 * shortcut (the steps pane's does not), or one key press would open two dialogs.
 */
export function ExportButton({ subject, label = 'Export CSV…', title = withShortcut('Export what the grid shows as CSV', 'export'), testId = 'export-button', className, shortcut = true }: {
  readonly subject: ExportSubject;
  readonly label?: string;
  readonly title?: string;
  readonly testId?: string;
  readonly className?: string;
  /** Whether Ctrl+E / Cmd+E opens this button's dialog. */
  readonly shortcut?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const show = useCallback(() => setOpen(true), []);
  useExportShortcut(shortcut, show);
  return (
    <>
      <button type="button" className={className} data-testid={testId} aria-haspopup="dialog" title={title} onClick={show}>
        {label}
      </button>
      {open && <ExportDialog subject={subject} onClose={() => setOpen(false)} />}
    </>
  );
}

/** Runs `onOpen` on Ctrl+E / Cmd+E, instead of the browser's own use of it (the search bar). */
function useExportShortcut(enabled: boolean, onOpen: () => void): void {
  useEffect(() => {
    if (!enabled) {
      return undefined;
    }
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'e') {
        e.preventDefault();
        // Another export dialog (the steps pane's) is open: a second one must not stack on it.
        if (!(e.target instanceof Element && e.target.closest('dialog[open]') !== null)) {
          onOpen();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, onOpen]);
}

import { useEffect, useRef, type ReactNode } from 'react';
import './modal-dialog.css';

/**
 * A modal <dialog> with a title and a close button: the rest of the page is inert while it is
 * open and Escape closes it. `role="dialog"` keeps the explorer's single-key shortcuts away.
 */
export function ModalDialog({ title, testId, onClose, children }: {
  readonly title: string;
  readonly testId: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) {
      el.showModal();
    }
    return () => el?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="modal-dialog"
      role="dialog"
      aria-label={title}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="modal-head">
        <h2>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" title="Close (Esc)" onClick={onClose}>×</button>
      </header>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}

import { ModalDialog } from '../components/modal-dialog';
import { SHORTCUTS, SHORTCUT_SCOPES } from './shortcuts';

/** The sheet `?` opens: every shortcut from the one registry, grouped by where it works. */
export function ShortcutSheet({ onClose }: { readonly onClose: () => void }) {
  return (
    <ModalDialog title="Keyboard shortcuts" testId="shortcut-sheet" onClose={onClose}>
      <div className="shortcut-groups">
        {SHORTCUT_SCOPES.map((scope) => (
          <section key={scope} className="shortcut-group" aria-label={scope}>
            <h3>{scope}</h3>
            <dl>
              {SHORTCUTS.filter((s) => s.scope === scope).map((s) => (
                <div key={`${s.id}`} className="shortcut" data-testid="shortcut" data-keys={s.keys}>
                  <dt><kbd>{s.keys}</kbd></dt>
                  <dd>{s.does}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="muted shortcut-note">On macOS, Cmd does what Ctrl does here. Single keys act when no text field has the focus.</p>
    </ModalDialog>
  );
}

/**
 * The settings panel: the theme (follow the system, light or dark) and whether the last store
 * reopens when Auditlens starts. Changes apply at once and are saved.
 */
import { useId } from 'react';
import type { Settings, ThemeChoice } from '../../../shared/model/settings';
import { ModalDialog } from '../../components/modal-dialog';
import { Segmented } from '../../components/segmented';
import './settings.css';

/** The settings dialog. */
export function SettingsDialog({ settings, onChange, onClose }: {
  readonly settings: Settings;
  readonly onChange: (patch: Partial<Settings>) => void;
  readonly onClose: () => void;
}) {
  const reopenId = useId();
  return (
    <ModalDialog title="Settings" testId="settings-dialog" onClose={onClose}>
      <section className="settings-row">
        <span className="settings-label">Theme</span>
        <Segmented<ThemeChoice>
          label="Theme"
          value={settings.theme}
          onChange={(theme) => onChange({ theme })}
          segments={[
            { value: 'system', label: 'System', testId: 'theme-system', hint: 'Follow the operating system’s light or dark setting' },
            { value: 'light', label: 'Light', testId: 'theme-light' },
            { value: 'dark', label: 'Dark', testId: 'theme-dark' },
          ]}
        />
      </section>
      <section className="settings-row">
        <input
          id={reopenId}
          type="checkbox"
          data-testid="reopen-last-store"
          checked={settings.reopenLastStore}
          onChange={(e) => onChange({ reopenLastStore: e.target.checked })}
        />
        <label htmlFor={reopenId}>
          Reopen last store on start
          <span className="field-hint settings-hint">Opens the most recent store read-only when Auditlens starts.</span>
        </label>
      </section>
    </ModalDialog>
  );
}

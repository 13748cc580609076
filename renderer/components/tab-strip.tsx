import './panes.css';

/** One tab of a strip. */
export interface StripTab {
  readonly id: string;
  readonly title: string;
  /** The tooltip; the title when absent. */
  readonly hint?: string;
  readonly closable: boolean;
}

/** A row of tabs; closable ones have a × (and close on a middle click). */
export function TabStrip({ tabs, active, onActivate, onClose, label }: {
  readonly tabs: readonly StripTab[];
  readonly active: string;
  readonly onActivate: (id: string) => void;
  readonly onClose: (id: string) => void;
  readonly label: string;
}) {
  return (
    <div className="tab-strip" role="tablist" aria-label={label} data-testid="tab-strip">
      {tabs.map((t) => (
        <div key={t.id} className={`tab${t.id === active ? ' active' : ''}${t.closable ? ' closable' : ''}`} data-testid="tab" data-tab-title={t.title}
          onAuxClick={(e) => {
            if (e.button === 1 && t.closable) {
              onClose(t.id);
            }
          }}
        >
          <button type="button" role="tab" className="tab-title" aria-selected={t.id === active} title={t.hint ?? t.title} onClick={() => onActivate(t.id)}>
            {t.title}
          </button>
          {t.closable && (
            <button type="button" className="tab-close" data-testid="tab-close" aria-label={`Close ${t.title}`} title="Close tab" onClick={() => onClose(t.id)}>
              ×
            </button>
          )}
        </div>
      ))}
    </div>
  );
}

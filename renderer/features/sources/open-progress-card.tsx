import { ProgressBar } from '../../components/progress-bar';
import { openProgressFraction, openProgressText } from './open-progress-text';
import type { OpeningCard } from './use-store-opening';

/** The card over the start screen while a store takes long to open (a big JSON folder), with Cancel. */
export function OpenProgressCard({ card, onCancel }: { readonly card: OpeningCard; readonly onCancel: () => void }) {
  const { progress } = card;
  return (
    <div className="open-progress-backdrop">
      <section className="open-progress-card" role="status" aria-live="polite" aria-label={`Opening ${card.label}`} data-testid="open-progress" data-phase={progress?.phase ?? 'starting'}>
        <h2>Opening <span className="open-progress-name" title={card.label}>{card.label}</span></h2>
        <ProgressBar fraction={openProgressFraction(progress)} label="Opening progress" testId="open-progress-bar" />
        <p className="open-progress-text" data-testid="open-progress-text">
          {card.cancelling ? 'Cancelling…' : progress ? openProgressText(progress) : 'Opening…'}
        </p>
        <div className="open-progress-actions">
          <button type="button" data-testid="open-cancel" disabled={card.cancelling} onClick={onCancel} autoFocus>Cancel</button>
        </div>
      </section>
    </div>
  );
}

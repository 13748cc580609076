import type { RecentStore } from '../../../shared/api/contract';

/** The stores opened before, newest first; picking one reopens it by id (no raw path is sent). */
export function RecentList({ stores, busy, onPick }: {
  readonly stores: readonly RecentStore[] | null;
  readonly busy: boolean;
  readonly onPick: (store: RecentStore) => void;
}) {
  if (stores === null) {
    return <p className="muted">Loading recent stores…</p>;
  }
  if (stores.length === 0) {
    return <p className="muted">No recent stores yet.</p>;
  }
  return (
    <ul className="recent-list" data-testid="recent-stores">
      {stores.map((s) => (
        <li key={s.id}>
          <button type="button" className="recent-item" data-testid="recent-store" disabled={busy} onClick={() => onPick(s)}>
            <span className="recent-title">{s.title}</span>
            <span className="recent-kind">{s.kind}</span>
            <span className="recent-location" title={s.location}>{s.location}</span>
            <span className="recent-when">{formatWhen(s.openedAt)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function formatWhen(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The detail of a link: every edge recorded between two boxes, who recorded it and when it held. */
import { RECORDERS_JOIN } from '../../../shared/lineage/assemble-graph';
import type { SceneLink } from '../../../shared/lineage/lineage-scene';

const when = (ms: number | null, none: string): string => (ms === null ? none : new Date(ms).toISOString().replace('T', ' ').replace('.000Z', 'Z'));

/** Recording runs listed per record; the button above the records opens them all. */
const SHOWN_RUNS = 8;

const runsOf = (recordedBy: string | null): string[] => (recordedBy === null ? [] : recordedBy.split(RECORDERS_JOIN).filter((r) => r !== ''));

/** The runs (sessions, jobs) that recorded a link's edges, each once, in the order they are listed. */
export function recordersOf(link: SceneLink): string[] {
  return [...new Set(link.edges.flatMap((e) => runsOf(e.recordedBy)))];
}

/**
 * The side panel of a clicked link. `onOpenRuns` opens the runs that recorded it in the runs view,
 * where each run's steps show what it did (an operation's logic, a job's SQL).
 */
export function EdgePanel({ link, onClose, onOpenRuns = null }: {
  readonly link: SceneLink;
  readonly onClose: () => void;
  readonly onOpenRuns?: ((runIds: readonly string[]) => void) | null;
}) {
  const recorders = recordersOf(link);
  return (
    <aside className="lineage-panel" data-testid="lineage-edge-panel" aria-label="Edge detail">
      <header>
        <strong>{link.source} → {link.target}</strong>
        <button type="button" onClick={onClose} aria-label="Close the edge detail">×</button>
      </header>
      {link.cycle && <p className="lineage-cycle-note">This edge closes a cycle: the walk stopped here.</p>}
      {onOpenRuns !== null && recorders.length > 0 && (
        <button type="button" className="small" data-testid="lineage-edge-runs" title="The runs view, filtered to these runs: their steps show what each did"
          onClick={() => onOpenRuns(recorders)}>
          {recorders.length === 1 ? 'Open the run that recorded it' : `Open the ${recorders.length} runs that recorded it`}
        </button>
      )}
      {link.edges.map((e, i) => (
        <dl key={i} data-testid="lineage-edge-record" data-relationship={e.relationship ?? ''} data-retired={e.validToMs !== null ? 'true' : 'false'}>
          <dt>Relationship</dt><dd>{e.relationship ?? '—'}</dd>
          {e.via !== null && <><dt>Via</dt><dd>{e.via}</dd></>}
          <dt>Recorded by</dt>
          <dd data-testid="lineage-edge-recorder" data-runs={JSON.stringify(runsOf(e.recordedBy))}>
            {e.recordedBy === null ? '—' : (
              <ul className="lineage-recorders">
                {runsOf(e.recordedBy).slice(0, SHOWN_RUNS).map((run) => (
                  <li key={run}>
                    {onOpenRuns !== null ? <button type="button" className="link-button" title={`Open ${run} in the runs view`} onClick={() => onOpenRuns([run])}>{run}</button> : run}
                  </li>
                ))}
                {runsOf(e.recordedBy).length > SHOWN_RUNS && <li className="muted">and {runsOf(e.recordedBy).length - SHOWN_RUNS} more</li>}
              </ul>
            )}
          </dd>
          {e.transformation !== null && (
            <><dt>Transformation</dt><dd>{[e.transformation.type, e.transformation.subtype, e.transformation.description].filter((x) => x !== null).join(' · ') || '—'}</dd></>
          )}
          <dt>Valid from</dt><dd>{when(e.validFromMs, 'unknown')}</dd>
          <dt>Valid to</dt><dd data-testid="lineage-valid-to">{when(e.validToMs, 'still holds')}</dd>
        </dl>
      ))}
    </aside>
  );
}
